// Runs every controller against a store transaction until none has anything left to do, the way
// the level-triggered controllers of a real control plane settle after a write.
import { resourceByKind, type ResourceType } from '../api/scheme.js';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Pod, ReplicaSet, Service } from '../api/types.js';
import { objectKey, typePrefix } from '../store/keys.js';
import { StoreError, type StoreTxn } from '../store/store.js';
import { controllerOf, deepEqual, timestamp, type Plan } from './common.js';
import { reconcileDeployment } from './deployment.js';
import { reconcileEndpoints } from './endpoints.js';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcileEndpointSlices } from './endpointslice.js';
import { kubeletSync } from './kubelet.js';
import { MIRRORING_CONTROLLER, reconcileMirroredSlices } from './mirroring.js';
import { generateName, type Random } from './names.js';
import { reconcileReplicaSet } from './replicaset.js';
import { schedulePod, type ClusterSettings } from './scheduler.js';
import { reconcileLoadBalancers } from './loadbalancer.js';

export interface RunOptions {
  now: Date;
  random: Random;
  cluster: ClusterSettings;
  /** Objects the caller deleted in this transaction (a deleted Service takes its Endpoints along). */
  deleted?: KubeObject[];
  /** Guard against controllers that never settle. Default 20. */
  maxIterations?: number;
}

export interface RunResult {
  /** Rounds run, the last one writing nothing when converged. */
  iterations: number;
  /** Objects created, updated or deleted in total. */
  writes: number;
  converged: boolean;
}

const type = (kind: string): ResourceType => resourceByKind(kind)!;
const keyOf = (o: KubeObject): string => objectKey(type(o.kind), o.metadata.namespace, o.metadata.name ?? '');

/** A random RFC 4122 version 4 UUID, as the apiserver gives every new object. */
export function newUID(random: Random): string {
  const h = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Writes plans into the transaction, doing what the apiserver does on create and update. */
class Writer {
  writes = 0;
  constructor(
    private readonly tx: StoreTxn,
    private readonly opts: RunOptions,
  ) {}

  async create(obj: KubeObject): Promise<void> {
    const o = JSON.parse(JSON.stringify(obj)) as KubeObject;
    o.metadata.uid ??= newUID(this.opts.random);
    o.metadata.creationTimestamp ??= timestamp(this.opts.now);
    if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') o.metadata.generation ??= 1;
    delete o.metadata.resourceVersion;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.tx.create(keyOf(o), o);
        break;
      } catch (e) {
        // A generated name that is taken gets another suffix, as the apiserver's retry does.
        if (!(e instanceof StoreError) || e.code !== 'AlreadyExists' || !o.metadata.generateName || attempt > 8) throw e;
        o.metadata.name = generateName(o.metadata.generateName, this.opts.random);
      }
    }
    this.writes++;
  }

  async update(obj: KubeObject): Promise<void> {
    const key = keyOf(obj);
    const cur = await this.tx.get(key);
    if (!cur) return; // deleted meanwhile: the next round recomputes
    const o = JSON.parse(JSON.stringify(obj)) as KubeObject;
    // Identity fields always come from storage; a spec change bumps generation.
    o.metadata.uid = cur.metadata.uid;
    o.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    if (cur.metadata.generation !== undefined) {
      o.metadata.generation = deepEqual(o.spec, cur.spec) ? cur.metadata.generation : cur.metadata.generation + 1;
    }
    delete o.metadata.resourceVersion;
    if (deepEqual({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } }, { ...cur, metadata: { ...cur.metadata, resourceVersion: undefined } })) {
      return;
    }
    await this.tx.put(key, o);
    this.writes++;
  }

  async delete(obj: KubeObject): Promise<void> {
    if (await this.tx.delete(keyOf(obj))) this.writes++;
  }

  async apply(plan: Plan): Promise<void> {
    for (const o of plan.delete) await this.delete(o);
    for (const o of plan.update) await this.update(o);
    for (const o of plan.create) await this.create(o);
  }
}

async function list<T extends KubeObject>(tx: StoreTxn, kind: string): Promise<T[]> {
  return (await tx.list(typePrefix(type(kind)))) as T[];
}

const nsName = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/**
 * The garbage collector, for the kinds controllers own: an object whose controller owner
 * (Deployment, ReplicaSet, Service, Endpoints) no longer exists with that uid is deleted.
 */
async function collectGarbage(tx: StoreTxn, w: Writer): Promise<void> {
  const owners = new Map<string, string | undefined>();
  for (const kind of ['Deployment', 'ReplicaSet', 'Service', 'Endpoints']) {
    for (const o of await list(tx, kind)) owners.set(`${kind}:${nsName(o)}`, o.metadata.uid);
  }
  for (const kind of ['ReplicaSet', 'Pod', 'EndpointSlice']) {
    for (const o of await list(tx, kind)) {
      const ref = controllerOf(o);
      if (!ref || !['Deployment', 'ReplicaSet', 'Service', 'Endpoints'].includes(ref.kind)) continue;
      const k = `${ref.kind}:${o.metadata.namespace ?? ''}/${ref.name}`;
      if (!owners.has(k) || (ref.uid && owners.get(k) && owners.get(k) !== ref.uid)) await w.delete(o);
    }
  }
}

async function runDeployments(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const rss = await list<ReplicaSet>(tx, 'ReplicaSet');
  for (const d of await list<Deployment>(tx, 'Deployment')) {
    if (d.metadata.deletionTimestamp) continue;
    const plan = reconcileDeployment(d, rss, { now: opts.now });
    await w.apply(plan);
    if (plan.deployment) await w.update(plan.deployment);
  }
}

async function runReplicaSets(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const pods = await list<Pod>(tx, 'Pod');
  for (const rs of await list<ReplicaSet>(tx, 'ReplicaSet')) {
    const plan = reconcileReplicaSet(rs, pods, opts);
    await w.apply(plan);
    if (plan.status) await w.update(plan.status);
  }
}

async function runNodes(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const pods = await list<Pod>(tx, 'Pod');
  const nodes = opts.cluster.nodes;
  for (const pod of pods) {
    const nodeName = schedulePod(pod, nodes, pods);
    const node = nodes.find((n) => n.name === nodeName);
    if (!node) continue;
    const scheduled: Pod = { ...pod, spec: { ...pod.spec, nodeName: node.name } };
    const onNode = pods.filter((p) => p.spec.nodeName === node.name && nsName(p) !== nsName(pod));
    const synced = kubeletSync(scheduled, node, onNode, opts.now);
    const next = synced === 'unchanged' ? scheduled : synced;
    if (!deepEqual(next, pod)) {
      await w.update(next);
      // Later pods in this round must see this one's node and IP.
      pods[pods.indexOf(pod)] = next;
    }
  }
}

async function runEndpoints(tx: StoreTxn, w: Writer, opts: RunOptions): Promise<void> {
  const pods = await list<Pod>(tx, 'Pod');
  const services = await list<Service>(tx, 'Service');
  const slices = await list<EndpointSlice>(tx, 'EndpointSlice');
  const endpoints = new Map((await list<Endpoints>(tx, 'Endpoints')).map((e) => [nsName(e), e]));
  const nodeNames = new Set(opts.cluster.nodes.map((n) => n.name));
  const slicesOf = (ns: string | undefined, name: string, manager: string) =>
    slices.filter(
      (s) => s.metadata.namespace === ns && s.metadata.labels?.[LABEL_SERVICE_NAME] === name && s.metadata.labels?.[LABEL_MANAGED_BY] === manager,
    );
  const byNs = new Map<string, Pod[]>();
  for (const p of pods) byNs.set(p.metadata.namespace ?? '', [...(byNs.get(p.metadata.namespace ?? '') ?? []), p]);
  for (const svc of services) {
    const nsPods = byNs.get(svc.metadata.namespace ?? '') ?? [];
    const name = svc.metadata.name ?? '';
    const ep = reconcileEndpoints(svc, nsPods, endpoints.get(nsName(svc)));
    if (ep !== null && ep !== 'unchanged') {
      if (ep.metadata.resourceVersion || endpoints.has(nsName(svc))) await w.update(ep);
      else await w.create(ep);
    }
    const own = slicesOf(svc.metadata.namespace, name, ENDPOINTSLICE_CONTROLLER);
    await w.apply(reconcileEndpointSlices(svc, nsPods, own, { random: opts.random, nodeExists: (n) => nodeNames.has(n) }));
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
    const plan = reconcileMirroredSlices(svcByKey.get(k), endpoints.get(k), slicesOf(ns, name, MIRRORING_CONTROLLER), {
      random: opts.random,
    });
    await w.apply(plan);
  }
}

/**
 * Runs the controllers (garbage collector, Deployment, ReplicaSet, scheduler + kubelet,
 * Endpoints, EndpointSlice, EndpointSlice mirroring) round after round inside `tx` until a round
 * writes nothing, or maxIterations rounds ran (converged false). Each round lists every object of
 * the kinds involved: cost O(rounds x objects), fine for a simulated cluster; a later version can
 * start from the keys that changed.
 */
export async function runControllers(tx: StoreTxn, opts: RunOptions): Promise<RunResult> {
  const w = new Writer(tx, opts);
  // A deleted Service takes its Endpoints along (syncService's not-found branch).
  for (const o of opts.deleted ?? []) {
    if (o.kind === 'Service') await w.delete({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: o.metadata.name, namespace: o.metadata.namespace } });
  }
  const max = opts.maxIterations ?? 20;
  for (let i = 1; i <= max; i++) {
    const before = w.writes;
    await collectGarbage(tx, w);
    await runDeployments(tx, w, opts);
    await runReplicaSets(tx, w, opts);
    await runNodes(tx, w, opts);
    await runEndpoints(tx, w, opts);
    for (const svc of reconcileLoadBalancers(await list<Service>(tx, 'Service'), opts.cluster.lbPool ?? '')) await w.update(svc);
    if (w.writes === before) return { iterations: i, writes: w.writes, converged: true };
  }
  return { iterations: max, writes: w.writes, converged: false };
}
