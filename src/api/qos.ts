// A pod's quality-of-service class, as the apiserver sets status.qosClass when the pod is created
// (qos.ComputePodQOS): from the cpu and memory requests and limits of its init and regular containers.
import type { PodSpec } from './types.js';
import { parseQuantity } from './quantity.js';

export type PodQOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };

/** The resources QoS looks at; others (ephemeral-storage, hugepages, extended) do not count. */
const QOS_RESOURCES = ['cpu', 'memory'];

/** Adds the positive cpu and memory quantities of `list` into `sums` (nanos); returns the names found. */
function addPositive(sums: Map<string, bigint>, list: Record<string, unknown> | undefined): Set<string> {
  const found = new Set<string>();
  for (const name of QOS_RESOURCES) {
    const q = list ? parseQuantity(list[name]) : undefined;
    if (!q || q.nanos <= 0n) continue;
    found.add(name);
    sums.set(name, (sums.get(name) ?? 0n) + q.nanos);
  }
  return found;
}

/**
 * BestEffort when no container requests or limits any cpu or memory; Guaranteed when every
 * container limits both and, summed over the containers, each request equals its limit (requests
 * left out were defaulted to the limits before this is asked); Burstable otherwise. Zero
 * quantities count as unset.
 */
export function computePodQOS(spec: PodSpec | undefined): PodQOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    const res = ((c as { resources?: Resources }).resources ?? {}) as Resources;
    addPositive(requests, res.requests);
    const limited = addPositive(limits, res.limits);
    if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) if (limits.get(name) !== req) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/**
 * The status the apiserver gives a pod it creates (the pod strategy's PrepareForCreate): Pending,
 * with its QoS class. The kubelet fills in the rest once the pod is bound to a node.
 */
export function createdPodStatus(spec: PodSpec | undefined): { phase: 'Pending'; qosClass: PodQOSClass } {
  return { phase: 'Pending', qosClass: computePodQOS(spec) };
}
