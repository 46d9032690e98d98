// A de-duplicating work queue of (kind, namespace, name) keys, as client-go's workqueue: a key
// already waiting is not added twice. Keys are taken a kind at a time, so a runner can work in
// rounds of controller stages (Deployment, ReplicaSet, Pod, Service) as a full resync does.

/** What a controller reconciles: one object, by kind and namespace/name. */
export interface WorkKey {
  kind: string;
  namespace: string;
  name: string;
}

/** `Kind/namespace/name`, the queue's identity for a key. */
export function workKeyString(k: WorkKey): string {
  return `${k.kind}/${k.namespace}/${k.name}`;
}

export class WorkQueue {
  private readonly waiting = new Map<string, Map<string, WorkKey>>();

  /** Adds `k` unless it is already waiting. */
  add(k: WorkKey): void {
    let m = this.waiting.get(k.kind);
    if (!m) this.waiting.set(k.kind, (m = new Map()));
    const s = `${k.namespace}/${k.name}`;
    if (!m.has(s)) m.set(s, k);
  }

  /**
   * Removes and returns every waiting key of `kind`, in namespace/name order (the order a list of
   * the store returns them in, so a targeted run visits objects as a resync would).
   */
  take(kind: string): WorkKey[] {
    const m = this.waiting.get(kind);
    if (!m) return [];
    this.waiting.delete(kind);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
  }

  /** Keys waiting, of every kind. */
  get size(): number {
    let n = 0;
    for (const m of this.waiting.values()) n += m.size;
    return n;
  }
}
