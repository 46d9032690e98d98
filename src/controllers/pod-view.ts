// A pod as a full resync reads it: the few fields the garbage collector, the ReplicaSet
// controller, the endpoints controllers and the address ranges look at, plus what the kubelet
// would do with it. The SQLite store keeps one beside every pod, so that a resync of a large
// settled cluster reads a few hundred bytes a pod instead of parsing its whole status.
import type { Container, Pod, PodSpec, PodStatus } from '../api/types.js';
import { settledReadiness } from './kubelet.js';

/**
 * A Pod with only some of its fields: `metadata` complete; in `spec` the node, hostname,
 * subdomain, affinity and each container's name, ports, restartPolicy and readiness delay; in
 * `status` the phase, addresses, start time, the Ready condition and restart counts.
 * `partial` is always true (the Writer refuses to store such an object); `kubelet` is
 * settledReadiness of the full pod.
 */
export interface PodView extends Pod {
  partial: true;
  kubelet?: 'ready' | 'notReady';
}

/** Bumped whenever podView's fields change: stores rebuild the views they keep. */
export const POD_VIEW_VERSION = 1;

/** True for a view, which stands for a stored pod but must not be written back. */
export function isPodView(pod: Pod): pod is PodView {
  return (pod as Partial<PodView>).partial === true;
}

function containerView(c: Container): Container {
  const out: Container = { name: c.name };
  if (c.ports !== undefined) out.ports = c.ports;
  if (c.restartPolicy !== undefined) out.restartPolicy = c.restartPolicy;
  const delay = c.readinessProbe?.initialDelaySeconds;
  if (delay !== undefined) out.readinessProbe = { initialDelaySeconds: delay };
  return out;
}

const SPEC_FIELDS = ['nodeName', 'hostname', 'subdomain', 'affinity'];
const STATUS_FIELDS = ['phase', 'podIP', 'podIPs', 'hostIP', 'startTime'];

/** Copies the fields of `from` named in `keys` that are set. */
function pick<T extends object>(to: T, from: T, keys: string[]): void {
  const src = from as Record<string, unknown>;
  for (const k of keys) if (src[k] !== undefined) (to as Record<string, unknown>)[k] = src[k];
}

/** The view of a full pod. */
export function podView(pod: Pod): PodView {
  const spec: PodSpec = { containers: (pod.spec?.containers ?? []).map(containerView) };
  if (pod.spec?.initContainers) spec.initContainers = pod.spec.initContainers.map(containerView);
  if (pod.spec) pick(spec, pod.spec, SPEC_FIELDS);
  const view: PodView = { apiVersion: pod.apiVersion, kind: pod.kind, metadata: pod.metadata, spec, partial: true };
  const st = pod.status;
  if (st) {
    const status: PodStatus = {};
    pick(status, st, STATUS_FIELDS);
    if (st.conditions) status.conditions = st.conditions.filter((c) => c.type === 'Ready');
    if (st.containerStatuses) {
      status.containerStatuses = (st.containerStatuses as { restartCount?: number }[]).map((c) =>
        c.restartCount === undefined ? {} : { restartCount: c.restartCount },
      );
    }
    view.status = status;
  }
  const kubelet = settledReadiness(pod);
  if (kubelet) view.kubelet = kubelet;
  return view;
}
