// The runner's targeted mode, as informers + work queues: the objects a write changed seed a
// de-duplicated queue of (kind, namespace, name) keys; each controller reconciles one key and
// reads only what that key needs (its namespace's lists, a Service's slices by name prefix); every
// object it writes or deletes is turned into keys in turn, until the queue drains.
import { selectorFromSet, selectorMatches, labelSelectorMatcher } from '../api/labels.js';
import { resourceByKind, type ResourceType } from '../api/scheme.js';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Pod, ReplicaSet, Service } from '../api/types.js';
import { objectKey, typePrefix } from '../store/keys.js';
import { hasLabels, listControlledBy, listLabeled, type StoreTxn } from '../store/store.js';
import { controllerOf, deepEqual, isPodTerminal, serviceSelects } from './common.js';
import { reconcileDeployment } from './deployment.js';
import { reconcileEndpoints } from './endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcileEndpointSlices } from './endpointslice.js';
import { allocationFailure, type EventRecorder } from './events.js';
import { kubeletSync } from './kubelet.js';
import { placePod } from './scheduler.js';
import { LoadBalancerState } from './lb-state.js';
import { MIRRORING_CONTROLLER, reconcileMirroredSlices } from './mirroring.js';
import { endpointSlicePrefix, type Random } from './names.js';
import { NodeIPs } from './node-ips.js';
import { WorkQueue, type WorkKey } from './queue.js';
import { reconcileReplicaSet } from './replicaset.js';
import { reconcileStatefulSet, type ControllerRevision, type StatefulSet } from './statefulset.js';
import { type DaemonSet, reconcileDaemonSet } from './daemonset.js';
import { reconcileNamespaceDefaults, ROOT_CA_CONFIGMAP } from './namespace-defaults.js';
import type { ClusterSettings } from './scheduler.js';
import { keyOf, Writer } from './writer.js';

export interface TargetedOptions {
  now: Date;
  random: Random;
  cluster: ClusterSettings;
  /** New versions of the objects the caller created or updated. */
  changed: KubeObject[];
  /** Objects the caller deleted. */
  deleted: KubeObject[];
  /** Old versions of the objects the caller updated (matched to `changed` by kind/namespace/name). */
  previous: KubeObject[];
  /** Rounds (of every stage) before the run gives up (converged false). */
  maxIterations: number;
  /** Told every write the controllers make, and of LoadBalancers the pool cannot serve (Events). */
  recorder?: EventRecorder;
}

export interface TargetedResult {
  /** Rounds run. */
  iterations: number;
  writes: number;
  converged: boolean;
}

/** The controllers in the order a resync round runs them. */
const STAGES = ['Namespace', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Service'];

const T = (kind: string): ResourceType => resourceByKind(kind)!;
const ns = (o: KubeObject): string => o.metadata.namespace ?? '';

/** Prefix lists memoised for the run; a write drops every cached list its key falls under. */
class Lists {
  private readonly cache = new Map<string, KubeObject[]>();
  /** Narrowed lists (listLabeled, listControlledBy) by prefix, then by what they asked. */
  private readonly queries = new Map<string, Map<string, KubeObject[]>>();
  constructor(private readonly tx: StoreTxn) {}

  async list<X extends KubeObject>(prefix: string): Promise<X[]> {
    let v = this.cache.get(prefix);
    if (!v) {
      v = await this.tx.list(prefix);
      this.cache.set(prefix, v);
    }
    return [...v] as X[];
  }

  /** The objects under `prefix` carrying every label of `labels` (a Service's pods). */
  async labeled<X extends KubeObject>(prefix: string, labels: Record<string, string>): Promise<X[]> {
    const whole = this.cache.get(prefix);
    if (whole) return whole.filter((o) => hasLabels(o, labels)) as X[];
    return this.query<X>(prefix, `labels ${JSON.stringify(Object.entries(labels).sort())}`, () => listLabeled(this.tx, prefix, labels));
  }

  /**
   * The objects under `prefix` the owner `kind`/`name` may own: those whose controller it is, and
   * the uncontrolled ones carrying `matchLabels` (what it may adopt; its whole selector is applied
   * by the reconciler), or none of those without matchLabels. In key order, as list() gives them.
   */
  async ownedOrAdoptable<X extends KubeObject>(prefix: string, kind: string, name: string, matchLabels?: Record<string, string>): Promise<X[]> {
    const owned = await this.query<X>(prefix, `owner ${kind}/${name}`, () => listControlledBy(this.tx, prefix, kind, name));
    if (!matchLabels) return owned;
    const free = (await this.labeled<X>(prefix, matchLabels)).filter((o) => !controllerOf(o));
    return inKeyOrder(owned, free);
  }

  /** A narrowed list of `prefix`, kept until a write under `prefix`. */
  private async query<X extends KubeObject>(prefix: string, id: string, fetch: () => Promise<KubeObject[]>): Promise<X[]> {
    let byId = this.queries.get(prefix);
    if (!byId) this.queries.set(prefix, (byId = new Map()));
    let v = byId.get(id);
    if (!v) byId.set(id, (v = await fetch()));
    return [...v] as X[];
  }

  invalidate(key: string): void {
    for (const p of [...this.cache.keys()]) if (key.startsWith(p)) this.cache.delete(p);
    for (const p of [...this.queries.keys()]) if (key.startsWith(p)) this.queries.delete(p);
  }
}

/** The objects of both lists, each once, in key order (as one list() would give them). */
function inKeyOrder<X extends KubeObject>(a: X[], b: X[]): X[] {
  const byKey = new Map<string, X>();
  for (const o of [...a, ...b]) byKey.set(keyOf(o), o);
  return [...byKey].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, o]) => o);
}

/** True when `ref` names an owner of `kind`/`name` that is gone or was replaced (another uid). */
const orphaned = (obj: KubeObject, kind: string, name: string, owner: KubeObject | undefined): boolean => {
  const ref = controllerOf(obj);
  if (!ref || ref.kind !== kind || ref.name !== name) return false;
  return !owner || (!!ref.uid && !!owner.metadata.uid && ref.uid !== owner.metadata.uid);
};

class TargetedRun {
  private readonly lists: Lists;
  private readonly queue = new WorkQueue();
  private readonly events: [KubeObject | undefined, KubeObject | undefined][] = [];
  private readonly w: Writer;
  private nodeIPs?: NodeIPs;
  private lb?: LoadBalancerState;

  constructor(
    private readonly tx: StoreTxn,
    private readonly opts: TargetedOptions,
  ) {
    this.lists = new Lists(tx);
    this.w = new Writer(tx, opts, (old, cur) => {
      this.lists.invalidate(keyOf((cur ?? old)!));
      this.events.push([old, cur]);
    });
  }

  async run(): Promise<TargetedResult> {
    const prev = new Map(this.opts.previous.map((o) => [keyOf(o), o] as const).reverse());
    for (const o of this.opts.changed) await this.observe(prev.get(keyOf(o)), o);
    for (const o of this.opts.deleted) await this.observe(o, undefined);
    let rounds = 0;
    let converged = true;
    for (;;) {
      await this.drain();
      if (this.queue.size === 0) break;
      if (++rounds > this.opts.maxIterations) {
        rounds--;
        converged = false;
        break;
      }
      // One round: each controller stage takes what is waiting for it when its turn comes, so keys
      // queued by an earlier stage are done in the same round, as a resync round would see them.
      for (const kind of STAGES) {
        for (const k of this.queue.take(kind)) {
          await this.reconcile(k);
          await this.drain();
        }
      }
    }
    await this.nodeIPs?.save(this.tx);
    await this.lb?.save(this.tx);
    return { iterations: rounds, writes: this.w.writes, converged };
  }

  private async drain(): Promise<void> {
    while (this.events.length) await this.observe(...this.events.shift()!);
  }

  private async ips(): Promise<NodeIPs> {
    this.nodeIPs ??= await NodeIPs.load(this.tx, this.opts.cluster.nodes);
    return this.nodeIPs;
  }

  private async lbState(): Promise<LoadBalancerState> {
    this.lb ??= await LoadBalancerState.load(this.tx, this.opts.cluster.lbPool ?? '');
    return this.lb;
  }

  private add(kind: string, namespace: string, name: string | undefined): void {
    if (name) this.queue.add({ kind, namespace, name });
  }

  /** An informer's event handlers: bookkeeping for the change, then the keys it concerns. */
  private async observe(old: KubeObject | undefined, cur: KubeObject | undefined): Promise<void> {
    const o = (cur ?? old)!;
    const namespace = ns(o);
    const owners = (kind: string) => {
      for (const x of [old, cur]) {
        const ref = x && controllerOf(x);
        if (ref?.kind === kind) this.add(kind, namespace, ref.name);
      }
    };
    switch (o.kind) {
      case 'Deployment':
        this.add('Deployment', namespace, o.metadata.name);
        break;
      case 'ReplicaSet':
        this.add('ReplicaSet', namespace, o.metadata.name);
        owners('Deployment');
        break;
      case 'Namespace':
        this.add('Namespace', '', o.metadata.name);
        break;
      case 'ServiceAccount':
        if (o.metadata.name === 'default') this.add('Namespace', '', namespace);
        break;
      case 'ConfigMap':
        if (o.metadata.name === ROOT_CA_CONFIGMAP) this.add('Namespace', '', namespace);
        break;
      case 'StatefulSet':
        this.add('StatefulSet', namespace, o.metadata.name);
        break;
      case 'DaemonSet':
        this.add('DaemonSet', namespace, o.metadata.name);
        break;
      case 'ControllerRevision':
        owners('StatefulSet');
        owners('DaemonSet');
        break;
      case 'Node':
        // Where daemon pods should run may have changed: every DaemonSet looks again.
        for (const ds of await this.lists.list(typePrefix(T('DaemonSet')))) this.add('DaemonSet', ns(ds), ds.metadata.name);
        break;
      case 'Pod':
        await this.observePod(old as Pod | undefined, cur as Pod | undefined);
        break;
      case 'Service':
        this.add('Service', namespace, o.metadata.name);
        if (old && (old as Service).spec.type === 'LoadBalancer') (await this.lbState()).forget(old as Service, cur as Service | undefined);
        // A deleted Service takes its Endpoints along (syncService's not-found branch).
        if (!cur) await this.w.delete({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: o.metadata.name, namespace } });
        break;
      case 'Endpoints':
        this.add('Service', namespace, o.metadata.name);
        break;
      case 'EndpointSlice':
        for (const x of [old, cur]) this.add('Service', namespace, x?.metadata.labels?.[LABEL_SERVICE_NAME]);
        break;
    }
  }

  private async observePod(old: Pod | undefined, cur: Pod | undefined): Promise<void> {
    const p = (cur ?? old)!;
    const namespace = ns(p);
    // The node's address range follows the pod: released when it dies or goes, marked when pinned.
    const oldIP = old?.status?.podIP;
    const curIP = cur && !isPodTerminal(cur) ? cur.status?.podIP : undefined;
    if (old && oldIP && (oldIP !== curIP || old.spec.nodeName !== cur?.spec.nodeName)) (await this.ips()).releasePod(old);
    if (cur && curIP) (await this.ips()).markPod(cur);
    if (cur) this.add('Pod', namespace, cur.metadata.name);
    for (const x of [old, cur]) {
      const ref = x && controllerOf(x);
      if (ref?.kind === 'ReplicaSet' || ref?.kind === 'StatefulSet' || ref?.kind === 'DaemonSet') this.add(ref.kind, namespace, ref.name);
    }
    if (cur && !controllerOf(cur)) {
      // An orphan may be adopted by a ReplicaSet or DaemonSet of its namespace whose selector matches it.
      for (const kind of ['ReplicaSet', 'DaemonSet']) {
        for (const owner of await this.lists.list<ReplicaSet>(typePrefix(T(kind), namespace))) {
          if (labelSelectorMatcher(owner.spec.selector)(cur.metadata.labels)) this.add(kind, namespace, owner.metadata.name);
        }
      }
    }
    // A StatefulSet's replica `<set>-<n>`, whoever owns it: gone, it is created again; an orphan, adopted.
    for (const x of [old, cur]) {
      const m = x && /^(.+)-(0|[1-9]\d*)$/.exec(x.metadata.name ?? '');
      if (m && !controllerOf(x)) this.add('StatefulSet', namespace, m[1]);
    }
    // Services of the pod's namespace selecting its old or new labels.
    for (const svc of await this.lists.list<Service>(typePrefix(T('Service'), namespace))) {
      const sel = svc.spec.selector;
      if (!serviceSelects(sel)) continue;
      const s = selectorFromSet(sel);
      if ((old && selectorMatches(s, old.metadata.labels)) || (cur && selectorMatches(s, cur.metadata.labels))) {
        this.add('Service', namespace, svc.metadata.name);
      }
    }
  }

  private async reconcile(k: WorkKey): Promise<void> {
    switch (k.kind) {
      case 'Deployment':
        return this.deployment(k.namespace, k.name);
      case 'ReplicaSet':
        return this.replicaSet(k.namespace, k.name);
      case 'StatefulSet':
        return this.statefulSet(k.namespace, k.name);
      case 'DaemonSet':
        return this.daemonSet(k.namespace, k.name);
      case 'Namespace':
        return this.namespaceDefaults(k.name);
      case 'Pod':
        return this.pod(k.namespace, k.name);
      case 'Service':
        return this.service(k.namespace, k.name);
    }
  }

  private async deployment(namespace: string, name: string): Promise<void> {
    const d = (await this.tx.get(objectKey(T('Deployment'), namespace, name))) as Deployment | undefined;
    // Its own ReplicaSets, and any named `<deployment>-...` (a new one's name may be taken: a hash
    // collision); the Deployment controller adopts none.
    const rsPrefix = typePrefix(T('ReplicaSet'), namespace);
    const rss = inKeyOrder(
      await this.lists.ownedOrAdoptable<ReplicaSet>(rsPrefix, 'Deployment', name),
      await this.lists.list<ReplicaSet>(`${rsPrefix}${name}-`),
    );
    for (const rs of rss) if (orphaned(rs, 'Deployment', name, d)) await this.w.delete(rs);
    if (!d || d.metadata.deletionTimestamp) return;
    const plan = reconcileDeployment(d, rss, { now: this.opts.now });
    // Status first: its event queues the owner ahead of the new objects' keys, so the owner sees the
    // in-between state a full resync round would see (conditions then change in the same order).
    if (plan.deployment) await this.w.update(plan.deployment);
    await this.w.apply(plan);
  }

  private async replicaSet(namespace: string, name: string): Promise<void> {
    const rs = (await this.tx.get(objectKey(T('ReplicaSet'), namespace, name))) as ReplicaSet | undefined;
    // Its own pods and the orphans its matchLabels pick (a deleted one: its pods, to collect); a
    // selector of expressions alone cannot narrow the orphans, so the whole namespace is read then.
    const podPrefix = typePrefix(T('Pod'), namespace);
    const matchLabels = rs?.spec.selector?.matchLabels ?? {};
    const narrow = !rs || Object.keys(matchLabels).length > 0;
    const pods = narrow
      ? await this.lists.ownedOrAdoptable<Pod>(podPrefix, 'ReplicaSet', name, rs ? matchLabels : undefined)
      : await this.lists.list<Pod>(podPrefix);
    for (const p of pods) if (orphaned(p, 'ReplicaSet', name, rs)) await this.w.delete(p);
    if (!rs) return;
    const plan = reconcileReplicaSet(rs, pods, this.opts);
    if (plan.status) await this.w.update(plan.status);
    await this.w.apply(plan);
  }

  private async namespaceDefaults(name: string): Promise<void> {
    const ns = await this.tx.get(objectKey(T('Namespace'), undefined, name));
    const sa = await this.tx.get(objectKey(T('ServiceAccount'), name, 'default'));
    const cm = await this.tx.get(objectKey(T('ConfigMap'), name, ROOT_CA_CONFIGMAP));
    await this.w.apply(reconcileNamespaceDefaults(ns, sa, cm));
  }

  private async statefulSet(namespace: string, name: string): Promise<void> {
    const set = (await this.tx.get(objectKey(T('StatefulSet'), namespace, name))) as StatefulSet | undefined;
    // Its replicas and revisions are named `<set>-...`; a deleted set's are collected.
    const pods = await this.lists.list<Pod>(`${typePrefix(T('Pod'), namespace)}${name}-`);
    const revisions = await this.lists.list<ControllerRevision>(`${typePrefix(T('ControllerRevision'), namespace)}${name}-`);
    for (const o of [...pods, ...revisions]) if (orphaned(o, 'StatefulSet', name, set)) await this.w.delete(o);
    if (!set || set.metadata.deletionTimestamp) return;
    const claimPrefix = typePrefix(T('PersistentVolumeClaim'), namespace);
    const claims = new Set<string>();
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      for (const c of await this.lists.list(`${claimPrefix}${t.metadata?.name ?? ''}-${name}-`)) claims.add(c.metadata.name ?? '');
    }
    const plan = reconcileStatefulSet(set, { pods, revisions, claims }, this.opts);
    if (plan.status) await this.w.update(plan.status);
    await this.w.apply(plan);
  }

  private async daemonSet(namespace: string, name: string): Promise<void> {
    const ds = (await this.tx.get(objectKey(T('DaemonSet'), namespace, name))) as DaemonSet | undefined;
    // Its own pods and the orphans its matchLabels pick (the whole namespace for a selector of
    // expressions alone); its revisions are named `<set>-<hash>`. A deleted set's are collected.
    const podPrefix = typePrefix(T('Pod'), namespace);
    const matchLabels = ds?.spec.selector?.matchLabels ?? {};
    const pods =
      !ds || Object.keys(matchLabels).length > 0
        ? await this.lists.ownedOrAdoptable<Pod>(podPrefix, 'DaemonSet', name, ds ? matchLabels : undefined)
        : await this.lists.list<Pod>(podPrefix);
    const revisions = await this.lists.list<ControllerRevision>(`${typePrefix(T('ControllerRevision'), namespace)}${name}-`);
    for (const o of [...pods, ...revisions]) if (orphaned(o, 'DaemonSet', name, ds)) await this.w.delete(o);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const nodes = await this.lists.list(typePrefix(T('Node')));
    const plan = reconcileDaemonSet(ds, { pods, revisions, nodes }, this.opts);
    if (plan.status) await this.w.update(plan.status);
    await this.w.apply(plan);
  }

  /** Scheduler + kubelet for one pod: the least loaded node, the lowest free address of its range. */
  private async pod(namespace: string, name: string): Promise<void> {
    const pod = (await this.tx.get(objectKey(T('Pod'), namespace, name))) as Pod | undefined;
    if (!pod) return;
    const ips = await this.ips();
    const nodeName = placePod(pod, this.opts.cluster.nodes, () => ips.leastLoaded());
    const node = this.opts.cluster.nodes.find((n) => n.name === nodeName);
    if (!node) return;
    const scheduled: Pod = { ...pod, spec: { ...pod.spec, nodeName: node.name } };
    let candidate = scheduled;
    let allocated: string | undefined;
    if (!isPodTerminal(pod)) {
      if (pod.status?.podIP) ips.mark(node.name, pod.status.podIP);
      else if ((allocated = ips.allocate(node.name))) candidate = { ...scheduled, status: { ...(scheduled.status ?? {}), podIP: allocated } };
    }
    const synced = kubeletSync(candidate, node, this.opts.now);
    if (synced === 'unchanged' && allocated) ips.release(node.name, allocated);
    const next = synced === 'unchanged' ? scheduled : synced;
    if (!deepEqual(next, pod)) await this.w.update(next);
  }

  /** Endpoints, EndpointSlices (own and mirrored) and the load balancer of one Service name. */
  private async service(namespace: string, name: string): Promise<void> {
    const svc = (await this.tx.get(objectKey(T('Service'), namespace, name))) as Service | undefined;
    const epKey = objectKey(T('Endpoints'), namespace, name);
    const slicePrefix = typePrefix(T('EndpointSlice'), namespace) + endpointSlicePrefix(name);
    const slices = async (manager: string) =>
      (await this.lists.list<EndpointSlice>(slicePrefix)).filter(
        (s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name && s.metadata.labels?.[LABEL_MANAGED_BY] === manager,
      );
    // Garbage collection of slices whose Service or Endpoints owner is gone.
    let ep = (await this.tx.get(epKey)) as Endpoints | undefined;
    for (const s of await this.lists.list<EndpointSlice>(slicePrefix)) {
      if (orphaned(s, 'Service', name, svc) || orphaned(s, 'Endpoints', name, ep)) await this.w.delete(s);
    }
    if (svc) {
      const nodeNames = new Set(this.opts.cluster.nodes.map((n) => n.name));
      // Only the pods the selector picks are read (the reconcilers apply it again).
      const selector = svc.spec.selector;
      const pods = serviceSelects(selector) ? await this.lists.labeled<Pod>(typePrefix(T('Pod'), namespace), selector) : [];
      const next = reconcileEndpoints(svc, pods, ep);
      if (next !== null && next !== 'unchanged') {
        if (ep) await this.w.update(next);
        else await this.w.create(next);
        ep = (await this.tx.get(epKey)) as Endpoints | undefined;
      }
      const own = await slices(ENDPOINTSLICE_CONTROLLER);
      await this.w.apply(reconcileEndpointSlices(svc, pods, own, { random: this.opts.random, nodeExists: (n) => nodeNames.has(n) }));
    }
    await this.w.apply(reconcileMirroredSlices(svc, ep, await slices(MIRRORING_CONTROLLER), { random: this.opts.random }));
    if (svc?.spec.type === 'LoadBalancer') {
      const updated = (await this.lbState()).sync(svc);
      if (updated) await this.w.update(updated);
      const failure = allocationFailure(updated ?? svc, this.opts.cluster.lbPool ?? '');
      if (failure) this.opts.recorder?.record(failure);
    }
  }
}

/**
 * Reconciles only what `changed`/`deleted` (and what the controllers write in turn) concern,
 * reading per-namespace lists and per-Service slices, never a whole kind across the cluster (save
 * a one-off rebuild of the pod-address or load-balancer ranges when they are not stored yet).
 */
export function runTargeted(tx: StoreTxn, opts: TargetedOptions): Promise<TargetedResult> {
  return new TargetedRun(tx, opts).run();
}
