// Events the simulated control plane records (core/v1 Event), as client-go's recorders write them:
// what each controller says about what it did (replicaset, deployment, scheduler, kubelet,
// service-controller), derived from the objects the controllers write, then stored at the end of
// the run with client-go's aggregation of repeats (count and lastTimestamp bumped).
import { resourceByKind } from '../api/scheme.js';
import type { Event, KubeObject, Pod, ReplicaSet, Service } from '../api/types.js';
import { objectKey, typePrefix } from '../store/keys.js';
import type { StoreTxn } from '../store/store.js';
import { controllerOf, timestamp } from './common.js';
import type { Random } from './names.js';
import { uuidFrom } from '../allocators/random.js';

/** A core/v1 Event as svcctl stores it (the fields kubectl reads). */
/** An Event as the recorder writes it: the fields it always sets are required. */
export interface KubeEvent extends Event {
  involvedObject: Event['involvedObject'] & { kind: string; name: string };
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  type: 'Normal' | 'Warning';
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  eventTime: string | null;
  reportingComponent: string;
  reportingInstance: string;
}

/** What a controller says about an object. */
export interface EventSpec {
  /** The object the event is about (only apiVersion, kind, metadata name/namespace/uid are read). */
  regarding: KubeObject;
  /** A part of it, as the kubelet names a container: `spec.containers{web}`. */
  fieldPath?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** source.component, e.g. `replicaset-controller`. */
  component: string;
  /** source.host (the kubelet's node). */
  host?: string;
  /**
   * Recorded through the events.k8s.io API (as kube-scheduler does): eventTime, action and
   * reportingInstance set, no count or first/last timestamps, never aggregated.
   */
  action?: string;
  /**
   * Said at most once in the object's life (a pod's scheduling and first start, a pod named by its
   * fresh generated name): no earlier identical Event can exist, so none is looked up.
   */
  once?: boolean;
}

/** Components, as the real binaries name their recorders. */
export const COMPONENTS = {
  deployment: 'deployment-controller',
  replicaset: 'replicaset-controller',
  statefulset: 'statefulset-controller',
  daemonset: 'daemonset-controller',
  scheduler: 'default-scheduler',
  kubelet: 'kubelet',
  service: 'service-controller',
  /** Bare-metal load balancer (svcctl's pool stands in for MetalLB's controller). */
  metallb: 'metallb-controller',
} as const;

const ref = (o: KubeObject) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata });

/** A reference to the controller owner of `o` as an object (namespace taken from `o`). */
function ownerObject(o: KubeObject): KubeObject | undefined {
  const r = controllerOf(o);
  if (!r) return undefined;
  return { apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: o.metadata.namespace, uid: r.uid } };
}

const running = (p: Pod | undefined, name: string): boolean =>
  ((p?.status?.containerStatuses ?? []) as { name: string; state?: { running?: unknown } }[]).some((c) => c.name === name && !!c.state?.running);

const ingress = (s: Service | undefined): number => s?.status?.loadBalancer?.ingress?.length ?? 0;

/**
 * The events a real control plane records for one write a controller made (`old` undefined on
 * create, `cur` undefined on delete): SuccessfulCreate/SuccessfulDelete on a pod's ReplicaSet,
 * DaemonSet or StatefulSet, ScalingReplicaSet on a ReplicaSet's Deployment when its replicas change, Scheduled when a pod
 * gets a node, Pulled/Created/Started per container that starts running, and
 * EnsuringLoadBalancer/EnsuredLoadBalancer when a LoadBalancer Service gets an address.
 */
export function eventsForChange(old: KubeObject | undefined, cur: KubeObject | undefined): EventSpec[] {
  const o = (cur ?? old)!;
  const out: EventSpec[] = [];
  switch (o.kind) {
    case 'Pod': {
      const owner = ownerObject(o);
      if (owner?.kind === 'ReplicaSet' || owner?.kind === 'DaemonSet') {
        // pkg/controller/controller_utils.go RealPodControl.
        const component = owner.kind === 'ReplicaSet' ? COMPONENTS.replicaset : COMPONENTS.daemonset;
        if (!old) out.push({ regarding: owner, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${o.metadata.name}`, component, once: true });
        if (!cur) out.push({ regarding: owner, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${o.metadata.name}`, component, once: true });
      }
      if (owner?.kind === 'StatefulSet') {
        // pkg/controller/statefulset/stateful_pod_control.go recordPodEvent. (Its claim events are
        // not derived: a claim carries no reference to its set.)
        const set = owner.metadata.name;
        if (!old) out.push({ regarding: owner, type: 'Normal', reason: 'SuccessfulCreate', message: `create Pod ${o.metadata.name} in StatefulSet ${set} successful`, component: COMPONENTS.statefulset, once: true });
        if (!cur) out.push({ regarding: owner, type: 'Normal', reason: 'SuccessfulDelete', message: `delete Pod ${o.metadata.name} in StatefulSet ${set} successful`, component: COMPONENTS.statefulset, once: true });
      }
      if (!cur) break;
      const p = cur as Pod;
      const before = old as Pod | undefined;
      const node = p.spec.nodeName;
      if (node && !before?.spec.nodeName) {
        // pkg/scheduler/schedule_one.go, through the events.k8s.io API.
        out.push({
          regarding: ref(p),
          type: 'Normal',
          reason: 'Scheduled',
          message: `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${node}`,
          component: COMPONENTS.scheduler,
          action: 'Binding',
          once: true,
        });
      }
      for (const c of p.spec.containers) {
        if (!node || !running(p, c.name) || running(before, c.name)) continue;
        // pkg/kubelet/images/image_manager.go and kuberuntime_container.go startContainer (1.33 wording).
        const base = { regarding: ref(p), fieldPath: `spec.containers{${c.name}}`, type: 'Normal' as const, component: COMPONENTS.kubelet, host: node, once: true };
        out.push({ ...base, reason: 'Pulled', message: `Container image ${goQuote(c.image ?? '')} already present on machine` });
        out.push({ ...base, reason: 'Created', message: `Created container: ${c.name}` });
        out.push({ ...base, reason: 'Started', message: `Started container ${c.name}` });
      }
      break;
    }
    case 'ReplicaSet': {
      const owner = ownerObject(o);
      if (owner?.kind !== 'Deployment' || !cur) break;
      const from = old ? ((old as ReplicaSet).spec.replicas ?? 1) : 0;
      const to = (cur as ReplicaSet).spec.replicas ?? 1;
      if (from === to) break;
      // pkg/controller/deployment/sync.go scaleReplicaSet / getNewReplicaSet.
      const verb = from < to ? 'up' : 'down';
      out.push({ regarding: owner, type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${verb} replica set ${o.metadata.name} from ${from} to ${to}`, component: COMPONENTS.deployment });
      break;
    }
    case 'Service': {
      const s = cur as Service | undefined;
      if (!s || s.spec.type !== 'LoadBalancer' || s.spec.loadBalancerClass) break;
      if (ingress(s) > 0 && ingress(old as Service | undefined) === 0) {
        // cloud-provider controllers/service syncLoadBalancerIfNeeded.
        out.push({ regarding: ref(s), type: 'Normal', reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer', component: COMPONENTS.service });
        out.push({ regarding: ref(s), type: 'Normal', reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer', component: COMPONENTS.service });
      }
      break;
    }
  }
  return out;
}

/**
 * The Warning for a LoadBalancer Service left `<pending>` although a pool is configured (pool
 * exhausted, or the requested address taken), in MetalLB's style: reason AllocationFailed, source
 * metallb-controller. Undefined when the Service has an address, is not a LoadBalancer svcctl
 * serves, or no pool is configured (then it stays pending silently, as with no load-balancer
 * implementation at all).
 */
export function allocationFailure(s: Service, poolSpec: string): EventSpec | undefined {
  if (!poolSpec || s.spec.type !== 'LoadBalancer' || s.spec.loadBalancerClass || ingress(s) > 0) return undefined;
  const key = `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`;
  const why = s.spec.loadBalancerIP ? `requested IP ${goQuote(s.spec.loadBalancerIP)} is not available` : 'no available IPs';
  return { regarding: ref(s), type: 'Warning', reason: 'AllocationFailed', message: `Failed to allocate IP for ${goQuote(key)}: ${why}`, component: COMPONENTS.metallb };
}

/** Go's %q for the plain strings used here (image references, names). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Nanoseconds since the epoch as lowercase hex: the suffix of client-go's event names (`%x` of UnixNano). */
export function eventNameSuffix(now: Date, seq: number): string {
  return (BigInt(now.getTime()) * 1_000_000n + BigInt(seq)).toString(16);
}

/** Go's metav1.MicroTime: RFC 3339 with six fractional digits, UTC. */
export function microTime(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The aggregation key of client-go's EventCorrelator (getEventKey), without the host-less cases. */
const aggregateKey = (e: KubeEvent): string =>
  JSON.stringify([
    e.source.component ?? '',
    e.source.host ?? '',
    e.involvedObject.kind,
    e.involvedObject.namespace ?? '',
    e.involvedObject.name,
    e.involvedObject.uid ?? '',
    e.involvedObject.apiVersion ?? '',
    e.involvedObject.fieldPath ?? '',
    e.type,
    e.reason,
    e.message,
  ]);

const EVENT = resourceByKind('Event')!;

/**
 * Collects what the controllers say during one run and stores it at the end: one Event per
 * distinct statement (a statement repeated within the run is said once), an identical Event
 * already stored has its count and lastTimestamp bumped instead. Events about objects gone by the
 * end of the run are dropped (a garbage-collected ReplicaSet reports no pod deletions).
 */
export class EventRecorder {
  private readonly pending: EventSpec[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly now: Date,
    private readonly random: Random = Math.random,
  ) {}

  /** Queues one statement (duplicates within the run are ignored). */
  record(e: EventSpec): void {
    const m = e.regarding.metadata;
    const k = JSON.stringify([e.regarding.kind, m.namespace, m.name, e.fieldPath, e.type, e.reason, e.message, e.component, e.host]);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.pending.push(e);
  }

  /** Queues what a controller's write says (see eventsForChange). */
  observe(old: KubeObject | undefined, cur: KubeObject | undefined): void {
    for (const e of eventsForChange(old, cur)) this.record(e);
  }

  /** Statements queued so far, in order. */
  get queued(): readonly EventSpec[] {
    return this.pending;
  }

  /** Writes the queued events into `tx`; returns how many Events were created or bumped. */
  async flush(tx: StoreTxn): Promise<number> {
    // Stored Events a new one may repeat, by aggregation key. Only the Events of the object it is
    // about are read: they are named `<object>.<suffix>`, so one prefix holds them (client-go's
    // correlator keeps its own cache and never reads Events back at all).
    const existing = new Map<string, Map<string, KubeEvent>>();
    const about = async (ns: string, object: string) => {
      const prefix = `${typePrefix(EVENT, ns)}${object}.`;
      let m = existing.get(prefix);
      if (!m) {
        m = new Map();
        for (const e of (await tx.list(prefix)) as KubeEvent[]) if (!e.eventTime) m.set(aggregateKey(e), e);
        existing.set(prefix, m);
      }
      return m;
    };
    const ts = timestamp(this.now);
    let written = 0;
    let seq = 0;
    for (const spec of this.pending) {
      const r = spec.regarding;
      const type = resourceByKind(r.kind);
      if (!type) continue;
      const ns = r.metadata.namespace ?? 'default';
      // Only read (its identity and version): the store's shared object will do where it has one.
      const targetKey = objectKey(type, type.namespaced ? ns : undefined, r.metadata.name ?? '');
      const target = tx.peek ? await tx.peek(targetKey) : await tx.get(targetKey);
      if (!target) continue;
      const involvedObject: KubeEvent['involvedObject'] = {
        apiVersion: target.apiVersion,
        kind: target.kind,
        name: target.metadata.name ?? '',
        namespace: type.namespaced ? ns : undefined,
        uid: target.metadata.uid,
        resourceVersion: target.metadata.resourceVersion,
        fieldPath: spec.fieldPath,
      };
      for (const k of Object.keys(involvedObject) as (keyof typeof involvedObject)[]) if (involvedObject[k] === undefined) delete involvedObject[k];
      // client-go names an Event by its object and the clock in nanoseconds; equal clocks in one
      // run (or an earlier run at the same simulated instant) take the next free nanosecond.
      let name = `${involvedObject.name}.${eventNameSuffix(this.now, seq++)}`;
      while (await tx.get(objectKey(EVENT, ns, name))) name = `${involvedObject.name}.${eventNameSuffix(this.now, seq++)}`;
      const series = spec.action !== undefined;
      const ev: KubeEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns, uid: uuidFrom(this.random), creationTimestamp: ts },
        involvedObject,
        reason: spec.reason,
        message: spec.message,
        source: series ? {} : { component: spec.component, ...(spec.host ? { host: spec.host } : {}) },
        type: spec.type,
        ...(series ? {} : { count: 1 }),
        firstTimestamp: series ? null : ts,
        lastTimestamp: series ? null : ts,
        eventTime: series ? microTime(this.now) : null,
        ...(series ? { action: spec.action } : {}),
        reportingComponent: spec.component,
        reportingInstance: series ? `${spec.component}-${spec.host ?? 'control-plane'}` : (spec.host ?? ''),
      };
      const lookup = !series && !spec.once;
      const same = lookup ? (await about(ns, involvedObject.name)).get(aggregateKey(ev)) : undefined;
      if (same) {
        const bumped: KubeEvent = { ...same, count: (same.count ?? 1) + 1, lastTimestamp: ts };
        await tx.put(objectKey(EVENT, ns, same.metadata.name ?? ''), bumped);
        (await about(ns, involvedObject.name)).set(aggregateKey(ev), bumped);
      } else {
        const stored = (await tx.create(objectKey(EVENT, ns, name), ev)) as KubeEvent;
        if (lookup) (await about(ns, involvedObject.name)).set(aggregateKey(ev), stored);
      }
      written++;
    }
    this.pending.length = 0;
    return written;
  }
}
