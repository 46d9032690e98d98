// Objects indexed by namespace and label, so that an owner or a Service looks only at the objects
// carrying its rarest selector term, never at every object of its namespace. Nested maps, not
// `ns/key=value` strings: building and hashing such a string for every label of every pod, and
// again for every lookup, cost more than the lookups themselves.

interface NamespaceIndex<T> {
  all: T[];
  /** label key -> label value -> the objects with that label, in the order added. */
  byLabel: Map<string, Map<string, T[]>>;
}

export class LabelIndex<T> {
  private readonly namespaces = new Map<string, NamespaceIndex<T>>();

  /** Adds `item` (of `namespace`, with `labels`) after those added before it. */
  add(namespace: string, labels: Record<string, string> | undefined, item: T): void {
    let ns = this.namespaces.get(namespace);
    if (!ns) this.namespaces.set(namespace, (ns = { all: [], byLabel: new Map() }));
    ns.all.push(item);
    for (const k in labels) {
      const v = labels[k];
      let values = ns.byLabel.get(k);
      if (!values) ns.byLabel.set(k, (values = new Map()));
      const group = values.get(v);
      if (group) group.push(item);
      else values.set(v, [item]);
    }
  }

  /** Every object of `namespace`, in the order added. */
  all(namespace: string): T[] {
    return this.namespaces.get(namespace)?.all ?? [];
  }

  /**
   * The objects of `namespace` carrying the rarest of the `labels` pairs (the only ones that can
   * match a selector requiring them all), in the order added; undefined when `labels` has none.
   */
  withRarestLabel(namespace: string, labels: Record<string, string> | undefined): T[] | undefined {
    let best: T[] | undefined;
    const ns = this.namespaces.get(namespace);
    // A key no object has answers at once (an owner's pod-template-hash among orphans, say): the
    // few keys are looked up before the many values.
    for (const k in labels) if (!ns?.byLabel.has(k)) return [];
    for (const k in labels) {
      const group = ns!.byLabel.get(k)!.get(labels[k]) ?? [];
      if (!best || group.length < best.length) best = group;
    }
    return best;
  }
}
