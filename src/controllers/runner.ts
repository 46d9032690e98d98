// Runs every controller against a store transaction until none has anything left to do, the way
// the level-triggered controllers of a real control plane settle after a write.
import { resourceByKind, type ResourceType } from '../api/scheme.js';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Pod, ReplicaSet, Service } from '../api/types.js';
import { directoriesOf, lowerBound, objectKey, prefixRange, typePrefix } from '../store/keys.js';
import type { StoreTxn } from '../store/store.js';
import { controllerOf, isPodTerminal } from './common.js';
import { reconcileDeployment, replicaSetUpdateMatters } from './deployment.js';
import { endpointsViewUnchanged, reconcileEndpoints } from './endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, endpointSliceViewsUnchanged, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcileEndpointSlices } from './endpointslice.js';
import { allocationFailure, EventRecorder } from './events.js';
import { kubeletSync, podReadyAt } from './kubelet.js';
import { isEndpointSliceView, isEndpointsView, isPodView, isView } from './views.js';
import { MIRRORING_CONTROLLER, reconcileMirroredSlices, shouldMirror } from './mirroring.js';
import type { Random } from './names.js';
import { reconcileReplicaSet } from './replicaset.js';
import { reconcileStatefulSet, type ControllerRevision, type StatefulSet } from './statefulset.js';
import { type DaemonSet, reconcileDaemonSet } from './daemonset.js';
import { reconcileNamespaceDefaults, ROOT_CA_CONFIGMAP } from './namespace-defaults.js';
import { placePod, type ClusterNode, type ClusterSettings } from './scheduler.js';
import { reconcileLoadBalancers } from './loadbalancer.js';
import { LoadBalancerState } from './lb-state.js';
import { NodeIPs } from './node-ips.js';
import { LabelIndex } from './label-index.js';
import { runTargeted } from './targeted.js';
import { keyOf, Writer } from './writer.js';

export interface RunOptions {
  now: Date;
  random: Random;
  cluster: ClusterSettings;
  /**
   * Objects the caller created or updated in this transaction (new versions). When given, the run is
   * targeted: only what these, `deleted`, and the controllers' own writes concern is reconciled.
   * When absent, every object is resynced (lint's scratch store, `sim advance`).
   */
  changed?: KubeObject[];
  /** Objects the caller deleted in this transaction (a deleted Service takes its Endpoints along). */
  deleted?: KubeObject[];
  /** Old versions of the updated objects among `changed` (targeted mode). */
  previous?: KubeObject[];
  /**
   * Guard against controllers that never settle. Default 20 rounds, more for an OrderedReady
   * StatefulSet, which makes one pod a round, and for DaemonSets (see roundsFor; a targeted round
   * runs each controller stage over the keys waiting for it).
   */
  maxIterations?: number;
  /** Where the controllers' Events go; runControllers makes one (and stores its Events) when absent. */
  recorder?: EventRecorder;
  /** false: the controllers' Events are not stored (lint's scratch cluster has no reader for them). */
  recordEvents?: boolean;
}

export interface RunResult {
  /** Rounds run, the last one writing nothing when converged (targeted: keys reconciled). */
  iterations: number;
  /** Objects created, updated or deleted in total. */
  writes: number;
  converged: boolean;
}

const type = (kind: string): ResourceType => resourceByKind(kind)!;

async function list<T extends KubeObject>(tx: StoreTxn, kind: string): Promise<T[]> {
  return (await tx.list(typePrefix(type(kind)))) as T[];
}

/**
 * Every object of a kind for reading: their views where the store keeps them (pods, Endpoints,
 * EndpointSlices: see views), else the objects. What a stage writes from a view, or must see in
 * full, it first reads in full (readFull).
 */
async function listToRead<T extends KubeObject>(tx: StoreTxn, kind: string): Promise<T[]> {
  const prefix = typePrefix(type(kind));
  return ((await tx.listViews?.(prefix)) ?? (await tx.list(prefix))) as T[];
}

const podsToRead = (tx: StoreTxn) => listToRead<Pod>(tx, 'Pod');

/** The stored object a view stands for (undefined when gone); a full object as it is. */
async function readFull<T extends KubeObject>(tx: StoreTxn, obj: T): Promise<T | undefined> {
  return isView(obj) ? ((await tx.get(keyOf(obj))) as T | undefined) : obj;
}

/** readFull of each, leaving out those gone. */
async function readAllFull<T extends KubeObject>(tx: StoreTxn, objs: T[]): Promise<T[]> {
  const out: T[] = [];
  for (const o of objs) {
    const full = await readFull(tx, o);
    if (full) out.push(full);
  }
  return out;
}

const nsName = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/**
 * The garbage collector, for the kinds controllers own: an object whose controller owner
 * (Deployment, ReplicaSet, Service, Endpoints) no longer exists with that uid is deleted.
 */
async function collectGarbage(tx: StoreTxn, w: Writer): Promise<void> {
  const owners = new Map<string, string | undefined>();
  const ownersByUid = new Map<string, KubeObject>();
  for (const kind of OWNER_KINDS) {
    for (const o of await listToRead(tx, kind)) {
      owners.set(`${kind}:${nsName(o)}`, o.metadata.uid);
      if (o.metadata.uid) ownersByUid.set(o.metadata.uid, o);
    }
  }
  for (const kind of ['ReplicaSet', 'Pod', 'EndpointSlice', 'ControllerRevision']) {
    for (const o of await listToRead(tx, kind)) {
      const ref = controllerOf(o);
      if (!ref || !OWNER_KINDS.includes(ref.kind)) continue;
      // The common case, found by uid: that very owner, same kind, name and namespace, is there.
      const byUid = ref.uid ? ownersByUid.get(ref.uid) : undefined;
      if (byUid && byUid.kind === ref.kind && byUid.metadata.name === ref.name && byUid.metadata.namespace === o.metadata.namespace) continue;
      const k = `${ref.kind}:${o.metadata.namespace ?? ''}/${ref.name}`;
      if (!owners.has(k) || (ref.uid && owners.get(k) && owners.get(k) !== ref.uid)) await w.delete(o);
    }
  }
}

/** The kinds whose objects own others the garbage collector looks after. */
const OWNER_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Service', 'Endpoints'];

type StageName = 'namespaces' | 'garbageCollector' | 'deployments' | 'replicaSets' | 'statefulSets' | 'daemonSets' | 'nodes' | 'endpoints' | 'loadBalancers';

/**
 * For an owner, the objects it controls plus the uncontrolled ones of its namespace it may adopt,
 * in list order: each owner reads its own, never the whole kind. Orphans are indexed by label:
 * an owner whose selector has matchLabels is offered only the orphans carrying its rarest
 * term (the others cannot match; the reconciler applies the whole selector).
 */
function controlledOrOrphans<T extends KubeObject>(items: T[]): (owner: KubeObject) => T[] {
  const byOwner = new Map<string, T[]>();
  const orphans = new LabelIndex<T>();
  for (const o of items) {
    const ref = controllerOf(o);
    if (!ref) orphans.add(o.metadata.namespace ?? '', o.metadata.labels, o);
    else if (ref.uid) {
      const group = byOwner.get(ref.uid);
      if (group) group.push(o);
      else byOwner.set(ref.uid, [o]);
    }
  }
  const adoptable = (owner: KubeObject): T[] => {
    const ns = owner.metadata.namespace ?? '';
    const matchLabels = (owner as { spec?: { selector?: { matchLabels?: Record<string, string> } } }).spec?.selector?.matchLabels;
    return orphans.withRarestLabel(ns, matchLabels) ?? orphans.all(ns);
  };
  let order: Map<T, number> | undefined;
  return (owner) => {
    const mine = byOwner.get(owner.metadata.uid ?? '') ?? [];
    const free = adoptable(owner);
    if (!free.length) return mine;
    if (!mine.length) return free;
    order ??= new Map(items.map((o, i) => [o, i]));
    return [...mine, ...free].sort((a, b) => order!.get(a)! - order!.get(b)!);
  };
}

async function runDeployments(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const all = await list<ReplicaSet>(tx, 'ReplicaSet');
  const replicaSetsOf = controlledOrOrphans(all);
  // A new ReplicaSet's name may be taken by one the Deployment does not own (a hash collision):
  // looked up in the sorted keys, only when a Deployment makes a ReplicaSet.
  const keys = all.map(keyOf);
  const rsType = type('ReplicaSet');
  for (const d of await list<Deployment>(tx, 'Deployment')) {
    if (d.metadata.deletionTimestamp) continue;
    const nameTaken = (name: string) => {
      const key = objectKey(rsType, d.metadata.namespace, name);
      return keys[lowerBound(keys, key)] === key;
    };
    const plan = reconcileDeployment(d, replicaSetsOf(d), { now: opts.now, nameTaken });
    await w.apply(plan);
    if (plan.deployment) await w.update(plan.deployment);
  }
}

async function runReplicaSets(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const sets = await list<ReplicaSet>(tx, 'ReplicaSet');
  if (!sets.length) return; // no pod index to build
  const podsOf = controlledOrOrphans(await podsToRead(tx));
  for (const rs of sets) {
    // Views lack what ranks pods for deletion and tells them available after minReadySeconds
    // (creation and transition times, restarts): a ReplicaSet that needs those reads its pods in full.
    let pods = podsOf(rs);
    if ((rs.spec.minReadySeconds ?? 0) > 0) pods = await readAllFull(tx, pods);
    let plan = reconcileReplicaSet(rs, pods, opts);
    // A plan that deletes creates nothing (no random names drawn): made again from full pods.
    if (plan.delete.length && pods.some(isPodView)) plan = reconcileReplicaSet(rs, await readAllFull(tx, pods), opts);
    // An orphan read as a view is adopted in full: the stored pod with the owner references given it.
    const adoptions: Pod[] = [];
    for (const adopted of plan.update) {
      const full = await readFull(tx, adopted);
      if (full) adoptions.push(full === adopted ? full : { ...full, metadata: { ...full.metadata, ownerReferences: adopted.metadata.ownerReferences } });
    }
    plan.update = adoptions;
    await w.apply(plan);
    if (plan.status) await w.update(plan.status);
  }
}

/** The serviceaccounts controller and root-ca-cert-publisher: each namespace's defaults. */
async function runNamespaces(tx: StoreTxn, w: Writer): Promise<void> {
  const byNamespace = async (kind: string, name: string) =>
    new Map((await list(tx, kind)).filter((o) => o.metadata.name === name).map((o) => [o.metadata.namespace ?? '', o]));
  const accounts = await byNamespace('ServiceAccount', 'default');
  const rootCAs = await byNamespace('ConfigMap', ROOT_CA_CONFIGMAP);
  for (const ns of await list(tx, 'Namespace')) {
    const name = ns.metadata.name ?? '';
    await w.apply(reconcileNamespaceDefaults(ns, accounts.get(name), rootCAs.get(name)));
  }
}

async function runStatefulSets(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const sets = await list<StatefulSet>(tx, 'StatefulSet');
  if (!sets.length) return;
  const pods = await list<Pod>(tx, 'Pod');
  const podKeys = pods.map(keyOf);
  const revisions = await list<ControllerRevision>(tx, 'ControllerRevision');
  const revisionKeys = revisions.map(keyOf);
  // Claim names by namespace.
  const claims = new Map<string, Set<string>>();
  for (const c of await list(tx, 'PersistentVolumeClaim')) {
    const ns = c.metadata.namespace ?? '';
    if (!claims.has(ns)) claims.set(ns, new Set());
    claims.get(ns)!.add(c.metadata.name ?? '');
  }
  // A set's pods and revisions are named `<set>-...`: one run of the sorted keys each.
  const namedAfter = <T>(items: T[], keys: string[], kind: string, s: StatefulSet): T[] => {
    const [from, to] = prefixRange(keys, objectKey(type(kind), s.metadata.namespace, `${s.metadata.name}-`));
    return items.slice(from, to);
  };
  for (const s of sets) {
    if (s.metadata.deletionTimestamp) continue;
    const plan = reconcileStatefulSet(
      s,
      {
        pods: namedAfter(pods, podKeys, 'Pod', s),
        revisions: namedAfter(revisions, revisionKeys, 'ControllerRevision', s),
        claims: claims.get(s.metadata.namespace ?? '') ?? new Set(),
      },
      opts,
    );
    await w.apply(plan);
    if (plan.status) await w.update(plan.status);
  }
}

async function runDaemonSets(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const sets = await list<DaemonSet>(tx, 'DaemonSet');
  if (!sets.length) return;
  const podsOf = controlledOrOrphans(await list<Pod>(tx, 'Pod'));
  const revisions = await list<ControllerRevision>(tx, 'ControllerRevision');
  const nodes = await list(tx, 'Node');
  for (const ds of sets) {
    if (ds.metadata.deletionTimestamp) continue;
    // Its revisions are named `<set>-<hash>`; a collision is told by any revision of that name.
    const mine = revisions.filter((r) => r.metadata.namespace === ds.metadata.namespace && r.metadata.name?.startsWith(`${ds.metadata.name}-`));
    const plan = reconcileDaemonSet(ds, { pods: podsOf(ds), revisions: mine, nodes }, opts);
    await w.apply(plan);
    if (plan.status) await w.update(plan.status);
  }
}

async function runNodes(tx: StoreTxn, w: Writer, opts: RunOptions, ips: NodeIPs): Promise<void> {
  const pods = await podsToRead(tx);
  const nodeByName = new Map(opts.cluster.nodes.map((n) => [n.name, n]));
  for (let i = 0; i < pods.length; i++) {
    const view = pods[i];
    const nodeName = placePod(view, opts.cluster.nodes, () => ips.leastLoaded());
    const node = nodeName ? nodeByName.get(nodeName) : undefined;
    if (!node) continue;
    if (kubeletWouldKeep(view, node, opts.now)) {
      ips.mark(node.name, view.status!.podIP!);
      continue;
    }
    const pod = await readFull(tx, view);
    if (!pod) continue;
    let scheduled: Pod = pod.spec.nodeName === node.name ? pod : { ...pod, spec: { ...pod.spec, nodeName: node.name } };
    if (!isPodTerminal(pod)) {
      // Addresses come from the node's range (round robin), as in the targeted mode.
      if (pod.status?.podIP) ips.mark(node.name, pod.status.podIP);
      else {
        const ip = ips.allocate(node.name);
        if (ip) scheduled = { ...scheduled, status: { ...scheduled.status, podIP: ip } };
      }
    }
    const synced = kubeletSync(scheduled, node, opts.now);
    const next = synced === 'unchanged' ? scheduled : synced;
    // A new object is a change: scheduled differs from pod in its node or address, and the
    // kubelet answers 'unchanged' when the status it would write is the one there.
    if (next !== pod) {
      await w.update(next);
      pods[i] = next;
    }
  }
}

/**
 * True when a pod's view tells that the kubelet on `node` would leave it as it is at `now`: it is
 * bound there, at the node's address, and its status already shows the readiness it has now.
 */
function kubeletWouldKeep(pod: Pod, node: ClusterNode, now: Date): boolean {
  if (!isPodView(pod) || !pod.kubelet || pod.spec.nodeName !== node.name || pod.status?.hostIP !== node.internalIP) return false;
  const ready = podReadyAt(pod, pod.status.startTime ?? '', now);
  return pod.kubelet === (ready ? 'ready' : 'notReady');
}

async function runEndpoints(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const pods = await podsToRead(tx);
  const services = await list<Service>(tx, 'Service');
  const slices = await listToRead<EndpointSlice>(tx, 'EndpointSlice');
  const endpoints = new Map((await listToRead<Endpoints>(tx, 'Endpoints')).map((e) => [nsName(e), e]));
  const nodeNames = new Set(opts.cluster.nodes.map((n) => n.name));
  const sliceIndex = new Map<string, EndpointSlice[]>();
  for (const sl of slices) {
    const k = `${sl.metadata.namespace}/${sl.metadata.labels?.[LABEL_SERVICE_NAME]}/${sl.metadata.labels?.[LABEL_MANAGED_BY]}`;
    const group = sliceIndex.get(k);
    if (group) group.push(sl);
    else sliceIndex.set(k, [sl]);
  }
  const slicesOf = (ns: string | undefined, name: string, manager: string) => sliceIndex.get(`${ns}/${name}/${manager}`) ?? [];
  // A label index: a Service's candidates are the pods of its rarest selector term, never a
  // services x pods loop. Labels are walked with for-in there: Object.entries would make arrays
  // for every label of every pod.
  const podIndex = new LabelIndex<Pod>();
  for (const p of pods) podIndex.add(p.metadata.namespace ?? '', p.metadata.labels, p);
  const candidates = (svc: Service): Pod[] => podIndex.withRarestLabel(svc.metadata.namespace ?? '', svc.spec.selector) ?? [];
  for (const svc of services) {
    // The reconcilers apply the full selector; the index only narrows what they look at.
    const nsPods = candidates(svc);
    const name = svc.metadata.name ?? '';
    // Views are enough to tell the Endpoints and slices already right; otherwise they are read in full.
    const existing = endpoints.get(nsName(svc));
    if (!(existing && isEndpointsView(existing) && endpointsViewUnchanged(svc, nsPods, existing))) {
      const ep = reconcileEndpoints(svc, nsPods, existing && (await readFull(tx, existing)));
      if (ep !== null && ep !== 'unchanged') {
        if (ep.metadata.resourceVersion || endpoints.has(nsName(svc))) await w.update(ep);
        else await w.create(ep);
      }
    }
    const own = slicesOf(svc.metadata.namespace, name, ENDPOINTSLICE_CONTROLLER);
    const sliceOpts = { random: opts.random, nodeExists: (n: string) => nodeNames.has(n) };
    if (own.length && own.every(isEndpointSliceView) && endpointSliceViewsUnchanged(svc, nsPods, own, sliceOpts)) continue;
    await w.apply(reconcileEndpointSlices(svc, nsPods, await readAllFull(tx, own), sliceOpts));
  }
  // Mirroring runs per Endpoints object and per set of mirrored slices.
  const mirrorKeys = new Set<string>([...endpoints.keys()]);
  for (const s of slices) {
    if (s.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER) {
      mirrorKeys.add(`${s.metadata.namespace ?? ''}/${s.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`);
    }
  }
  const svcByKey = new Map(services.map((s) => [nsName(s), s]));
  for (const k of mirrorKeys) {
    const [ns, name] = k.split('/');
    const svc = svcByKey.get(k);
    const ep = endpoints.get(k);
    const mirrored = slicesOf(ns, name, MIRRORING_CONTROLLER);
    // Mirroring reads the Endpoints and slices in full; views tell only that there is nothing to mirror.
    const mirror = shouldMirror(svc, ep);
    const plan = reconcileMirroredSlices(svc, mirror ? await readFull(tx, ep!) : ep, mirror ? await readAllFull(tx, mirrored) : mirrored, {
      random: opts.random,
    });
    await w.apply(plan);
  }
}

/**
 * Runs the controllers (garbage collector, Deployment, ReplicaSet, StatefulSet, DaemonSet,
 * scheduler + kubelet, Endpoints, EndpointSlice, EndpointSlice mirroring, LoadBalancer) inside `tx` until nothing is
 * left to do. With `opts.changed` the run is targeted (see runTargeted: cost follows the change);
 * without it every round lists every object of the kinds involved until a round writes nothing, or
 * maxIterations rounds ran (converged false), and the stored pod-address and load-balancer ranges
 * are rebuilt from what is there.
 */
export async function runControllers(tx: StoreTxn, opts: RunOptions): Promise<RunResult> {
  // The controllers' Events are stored at the end of the run, unless the caller collects them.
  const recorder = opts.recorder ?? (opts.recordEvents === false ? undefined : new EventRecorder(opts.now, opts.random));
  if (opts.changed) {
    const maxIterations = opts.maxIterations ?? roundsFor(opts.changed, opts.cluster.nodes.length);
    const targeted = await runTargeted(tx, { ...opts, recorder, changed: opts.changed, deleted: opts.deleted ?? [], previous: opts.previous ?? [], maxIterations });
    if (!opts.recorder && recorder) await recorder.flush(tx);
    return targeted;
  }
  // A full resync reads every kind several times a round: read each prefix once until it is written.
  const cached = cachingTxn(tx);
  const maxIterations = opts.maxIterations ?? roundsFor([...(await list(cached, 'StatefulSet')), ...(await list(cached, 'DaemonSet'))], opts.cluster.nodes.length);
  const result = await runFull(cached, { ...opts, recorder }, maxIterations);
  if (!opts.recorder && recorder) await recorder.flush(cached);
  tx = cached;
  // The targeted mode's indexes, repaired from the full picture (writes only what differs).
  await NodeIPs.fromPods(opts.cluster.nodes, await podsToRead(tx)).save(tx);
  await LoadBalancerState.fromServices(await list<Service>(tx, 'Service'), opts.cluster.lbPool ?? '').save(tx);
  return result;
}

/**
 * The default round limit: 20, plus the replicas of the largest OrderedReady StatefulSet among
 * `objects` (it makes one pod a round, each once the one before is ready), plus two rounds a node
 * when there is a DaemonSet (a rolling update replaces a pod, then makes its successor, node by node).
 */
function roundsFor(objects: KubeObject[], nodes: number): number {
  let ordered = 0;
  let daemons = 0;
  for (const o of objects) {
    const spec = o.kind === 'StatefulSet' ? (o as StatefulSet).spec : undefined;
    if (spec && spec.podManagementPolicy !== 'Parallel') ordered = Math.max(ordered, spec.replicas ?? 1);
    if (o.kind === 'DaemonSet') daemons = 2 * nodes;
  }
  return 20 + ordered + daemons;
}

/**
 * A transaction whose list() results are kept until a write touches their prefix. Callers get a
 * fresh array each time (they may reorder or replace entries) sharing the parsed objects, which
 * the controllers never mutate. peek() answers from what was listed or written since, so that the
 * writer's look at an object before updating it is not one more store read and parse.
 */
function cachingTxn(tx: StoreTxn): StoreTxn {
  const lists = new Map<string, { objects: KubeObject[]; indexed: boolean }>();
  /** listViews results, kept and dropped as lists are. */
  const views = new Map<string, KubeObject[]>();
  /**
   * The object at keys updated or deleted (null) in this run, and at those of lists peeked into;
   * not kept for a store that keeps parsed objects (lint's), which answers peek() itself.
   */
  const known = tx.peek ? undefined : new Map<string, KubeObject | null>();
  const invalidate = (key: string) => {
    for (const dir of directoriesOf(key)) {
      lists.delete(dir);
      views.delete(dir);
    }
  };
  const updated = async (key: string, write: Promise<KubeObject>): Promise<KubeObject> => {
    invalidate(key);
    const stored = await write;
    known?.set(key, stored);
    return stored;
  };
  /** Indexes the cached lists that take in `key` (a cached list is current: a write drops it). */
  const indexListsOver = (key: string, known: Map<string, KubeObject | null>) => {
    for (const dir of directoriesOf(key)) {
      const l = lists.get(dir);
      if (!l || l.indexed) continue;
      l.indexed = true;
      for (const o of l.objects) if (resourceByKind(o.kind)) known.set(keyOf(o), o);
    }
  };
  return {
    get: (key) => tx.get(key),
    list: async (prefix) => {
      // Directories only ('/registry/pods/', a namespace's; a write drops those it is in): the
      // events recorder reads one small prefix per object, and thousands of cached lists would
      // make every write's check slow.
      if (!prefix.endsWith('/') || prefix === '/') return tx.list(prefix);
      let hit = lists.get(prefix);
      if (!hit) {
        hit = { objects: await tx.list(prefix), indexed: false };
        lists.set(prefix, hit);
      }
      return [...hit.objects];
    },
    listViews: tx.listViews
      ? async (prefix) => {
          let hit = views.get(prefix);
          if (!hit) {
            const read = await tx.listViews!(prefix);
            if (!read || !prefix.endsWith('/')) return read;
            views.set(prefix, (hit = read));
          }
          return [...hit];
        }
      : undefined,
    peek: known
      ? async (key) => {
          if (!known.has(key)) indexListsOver(key, known);
          const o = known.get(key);
          return o !== undefined ? (o ?? undefined) : tx.get(key);
        }
      : tx.peek!.bind(tx),
    // A created object is peeked from the store (or a list read since): most creates are Events,
    // which nothing reads back, and keeping each would cost more than it saves.
    create: (key, obj, opts) => {
      invalidate(key);
      known?.delete(key);
      return tx.create(key, obj, opts);
    },
    update: (key, obj) => updated(key, tx.update(key, obj)),
    put: (key, obj, opts) => updated(key, tx.put(key, obj, opts)),
    delete: (key) => {
      invalidate(key);
      known?.set(key, null);
      return tx.delete(key);
    },
    deletePrefix: (prefix) => {
      for (const p of lists.keys()) if (p.startsWith(prefix) || prefix.startsWith(p)) lists.delete(p);
      for (const p of views.keys()) if (p.startsWith(prefix) || prefix.startsWith(p)) views.delete(p);
      for (const key of known?.keys() ?? []) if (key.startsWith(prefix)) known!.set(key, null);
      return tx.deletePrefix(prefix);
    },
  };
}

/** Runs a stage the round would skip; throws if it writes anything (a wrong STAGE_SETTLES entry). */
async function verifyNothingToDo(name: string, w: Writer, run: () => Promise<void>): Promise<void> {
  const before = w.writes;
  await run();
  if (w.writes !== before) throw new Error(`controller stage ${name} was skipped but had ${w.writes - before} writes to make`);
}

/** LoadBalancer Services still pending although a pool is configured: the pool could not serve them. */
async function recordAllocationFailures(tx: StoreTxn, opts: RunOptions): Promise<void> {
  if (!opts.recorder || !opts.cluster.lbPool) return;
  for (const svc of await list<Service>(tx, 'Service')) {
    const e = allocationFailure(svc, opts.cluster.lbPool);
    if (e) opts.recorder.record(e);
  }
}

/**
 * What each stage of a full round reads. A stage is a function of the kinds it lists (and of the
 * run's fixed clock and cluster), so once none of its inputs has been written since its last run
 * it would plan exactly what it planned then, which was written: the stage is skipped.
 *
 * The garbage collector counts only deletions of owner kinds: the controllers create and update
 * dependents owned by objects that exist, and a new or changed owner orphans nothing, so after
 * its first pass only a deleted owner (an old ReplicaSet, say) can leave new garbage.
 */
const STAGE_INPUTS: Record<StageName, { written: readonly string[]; deleted?: readonly string[] }> = {
  namespaces: { written: ['Namespace', 'ServiceAccount', 'ConfigMap'] },
  garbageCollector: { written: [], deleted: OWNER_KINDS },
  deployments: { written: ['Deployment', 'ReplicaSet'] },
  replicaSets: { written: ['ReplicaSet', 'Pod'] },
  statefulSets: { written: ['StatefulSet', 'Pod', 'ControllerRevision', 'PersistentVolumeClaim'] },
  daemonSets: { written: ['DaemonSet', 'Pod', 'ControllerRevision', 'Node'] },
  nodes: { written: ['Pod'] },
  endpoints: { written: ['Pod', 'Service', 'EndpointSlice', 'Endpoints'] },
  loadBalancers: { written: ['Service'] },
};

/**
 * The kinds each stage writes that it need not read back: run again over its own output alone, it
 * would plan nothing (its reconcilers reach their fixpoint in one pass for these). The Deployment
 * stage settles its ReplicaSets too: it scales the old ones down in the pass that makes the new
 * one, and a ReplicaSet's status (what it reads next) is the ReplicaSet stage's write. Other
 * writes (a ReplicaSet's new pods) still make a stage run again; the garbage collector's
 * deletions can cascade, so it always confirms.
 */
const STAGE_SETTLES = {
  namespaces: ['ServiceAccount', 'ConfigMap'],
  garbageCollector: [],
  deployments: ['Deployment', 'ReplicaSet'],
  replicaSets: ['ReplicaSet'],
  statefulSets: ['StatefulSet'],
  daemonSets: ['DaemonSet'],
  nodes: ['Pod'],
  endpoints: ['Endpoints', 'EndpointSlice'],
  loadBalancers: ['Service'],
} as const satisfies Record<StageName, readonly string[]>;

/**
 * Updates of a stage's input kinds that the stage does not read: it would plan nothing new from
 * them. The Deployment stage reads three of a ReplicaSet's status counts, so the ReplicaSet
 * controller's first status write (observedGeneration, before it sees the pods it made) leaves it
 * nothing to do: a large batch saves a whole pass over its Deployments.
 */
const STAGE_IGNORES: [StageName, (old: KubeObject, cur: KubeObject) => boolean][] = [
  ['deployments', (old, cur) => old.kind === 'ReplicaSet' && !replicaSetUpdateMatters(old as ReplicaSet, cur as ReplicaSet)],
];

async function runFull(tx: StoreTxn, opts: RunOptions, max: number): Promise<RunResult> {
  /** Per stage, the updates of its inputs it does not read (STAGE_IGNORES). */
  const ignored = new Map<StageName, number>();
  const w = new Writer(tx, opts, (old, cur) => {
    if (!old || !cur) return;
    for (const [name, ignores] of STAGE_IGNORES) {
      if (ignores(old, cur)) ignored.set(name, (ignored.get(name) ?? 0) + 1);
    }
  });
  const count = (kinds: readonly string[], by = w.writesByKind) => kinds.reduce((n, kind) => n + (by.get(kind) ?? 0), 0);
  const inputs = (name: StageName) =>
    count(STAGE_INPUTS[name].written) + count(STAGE_INPUTS[name].deleted ?? [], w.deletesByKind) - (ignored.get(name) ?? 0);
  /** Per stage, the writes to its input kinds counted when it last started (less its own settled ones). */
  const lastStart = new Map<StageName, number>();
  /** Per stage, its own writes of the kinds it settles in one pass: they give it nothing new to do. */
  const ownSettled = new Map<StageName, number>();
  // Under the test suite, a skipped stage runs anyway and must write nothing.
  const verifySkips = process.env.SVCCTL_CHECK_SKIPS === '1';
  const stage = async (name: StageName, run: () => Promise<void>): Promise<void> => {
    const seen = inputs(name) - (ownSettled.get(name) ?? 0);
    if (lastStart.get(name) === seen) {
      if (verifySkips) await verifyNothingToDo(name, w, run);
      return;
    }
    lastStart.set(name, seen);
    const before = count(STAGE_SETTLES[name]);
    await run();
    ownSettled.set(name, (ownSettled.get(name) ?? 0) + count(STAGE_SETTLES[name]) - before);
  };
  // Pod addresses come from the same per-node ranges as in the targeted mode (round robin).
  const ips = await NodeIPs.load(tx, opts.cluster.nodes);
  // A deleted Service takes its Endpoints along (syncService's not-found branch); a deleted pod's
  // address goes back to its node's range, as in the targeted mode.
  for (const o of opts.deleted ?? []) {
    if (o.kind === 'Service') await w.delete({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: o.metadata.name, namespace: o.metadata.namespace } });
    if (o.kind === 'Pod') ips.releasePod(o as Pod);
  }
  for (let i = 1; i <= max; i++) {
    const before = w.writes;
    await stage('namespaces', () => runNamespaces(tx, w));
    await stage('garbageCollector', () => collectGarbage(tx, w));
    await stage('deployments', () => runDeployments(tx, w, opts));
    await stage('replicaSets', () => runReplicaSets(tx, w, opts));
    await stage('statefulSets', () => runStatefulSets(tx, w, opts));
    await stage('daemonSets', () => runDaemonSets(tx, w, opts));
    await stage('nodes', () => runNodes(tx, w, opts, ips));
    await stage('endpoints', () => runEndpoints(tx, w, opts));
    await stage('loadBalancers', async () => {
      for (const svc of reconcileLoadBalancers(await list<Service>(tx, 'Service'), opts.cluster.lbPool ?? '')) await w.update(svc);
    });
    if (w.writes === before) {
      await ips.save(tx);
      await recordAllocationFailures(tx, opts);
      return { iterations: i, writes: w.writes, converged: true };
    }
  }
  await ips.save(tx);
  await recordAllocationFailures(tx, opts);
  return { iterations: max, writes: w.writes, converged: false };
}
