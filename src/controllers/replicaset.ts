// The ReplicaSet controller (pkg/controller/replicaset) as a pure function: keep exactly
// spec.replicas active pods, and report status.
import { selectorMatches, type Selector } from '../api/labels.js';
import type { KubeObject, Pod, PodTemplateSpec, ReplicaSet } from '../api/types.js';
import { createdPodStatus } from '../api/qos.js';
import {
  byName,
  controllerOf,
  controllerRef,
  deepEqual,
  isControlledBy,
  isPodActive,
  isPodReady,
  storedSelector,
  timestamp,
  type Plan,
} from './common.js';
import { generateName, podPrefix, type Random } from './names.js';
import { podSpecFromTemplate } from './pod-stencil.js';

export interface ReplicaSetPlan extends Plan<Pod> {
  /** The ReplicaSet with its new status, or null when the status is already right. */
  status: ReplicaSet | null;
}

export interface RsOptions {
  now: Date;
  random: Random;
}

const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** GetPodFromTemplate: a new pod for the ReplicaSet, named `<rs>-<5 random chars>`. */
export function podFromTemplate(rs: ReplicaSet, random: Random): Pod {
  return podForController(rs, 'ReplicaSet', rs.spec.template, random);
}

/**
 * GetPodFromTemplate for any controller (`kind` its own kind): a pod named `<owner>-<5 random
 * chars>` from `template`, controlled by `owner`, through the apiserver's create path (Pod
 * defaults, then admission).
 */
export function podForController(owner: KubeObject, kind: string, template: PodTemplateSpec, random: Random): Pod {
  const prefix = podPrefix(owner.metadata.name ?? '');
  const meta: Pod['metadata'] = {
    name: generateName(prefix, random),
    generateName: prefix,
    namespace: owner.metadata.namespace,
  };
  if (template.metadata?.labels) meta.labels = { ...template.metadata.labels };
  if (template.metadata?.annotations) meta.annotations = { ...template.metadata.annotations };
  meta.ownerReferences = [controllerRef({ ...owner, apiVersion: 'apps/v1', kind })];
  const spec = podSpecFromTemplate(template.spec, random);
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status: createdPodStatus(spec) };
}

/** When the pod became ready, for "ready for a shorter time goes first". */
const readySince = (p: Pod): number => {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
};

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods ordering, the order pods are deleted in when scaling down: unscheduled
 * before scheduled, Pending < Unknown < Running, not ready before ready, lower
 * pod-deletion-cost first, ready for a shorter time first, more restarts first, newer first.
 * (The co-location rank Kubernetes adds is left out.)
 */
export function comparePodsForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const ph = (p: Pod) => phaseRank[p.status?.phase ?? 'Pending'] ?? 0;
  if (ph(a) !== ph(b)) return ph(a) - ph(b);
  const rd = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (rd(a) !== rd(b)) return rd(a) - rd(b);
  const cost = (p: Pod) => Number(p.metadata.annotations?.[POD_DELETION_COST] ?? 0) || 0;
  if (cost(a) !== cost(b)) return cost(a) - cost(b);
  if (isPodReady(a) && isPodReady(b) && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
  const restarts = (p: Pod) =>
    ((p.status?.containerStatuses ?? []) as { restartCount?: number }[]).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: Pod) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  if (created(a) !== created(b)) return created(b) - created(a);
  return -byName(a, b);
}

/** Whether a pod has been ready for minReadySeconds at `now` (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  return readySince(pod) + minReadySeconds * 1000 <= now.getTime();
}

/** The ReplicaSet's status for the pods it owns (calculateStatus). */
export function replicaSetStatus(rs: ReplicaSet, owned: Pod[], now: Date): Record<string, unknown> {
  const tmplLabels = rs.spec.template.metadata?.labels ?? {};
  const fully = owned.filter((p) => Object.entries(tmplLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
  const ready = owned.filter(isPodReady).length;
  const available = owned.filter((p) => isPodAvailable(p, rs.spec.minReadySeconds ?? 0, now)).length;
  // omitempty: only replicas is always written.
  const st: Record<string, unknown> = { replicas: owned.length };
  if (fully) st.fullyLabeledReplicas = fully;
  if (ready) st.readyReplicas = ready;
  if (available) st.availableReplicas = available;
  if (rs.metadata.generation !== undefined) st.observedGeneration = rs.metadata.generation;
  const conditions = (rs.status as { conditions?: unknown[] } | undefined)?.conditions;
  if (conditions?.length) st.conditions = conditions;
  return st;
}

/**
 * Reconciles one ReplicaSet against the pods of its namespace: adopts matching orphans, creates
 * missing pods (named `<rs>-xxxxx`), deletes surplus ones in comparePodsForDeletion order, and
 * returns the status computed from the pods as they were (as syncReplicaSet does; the next round
 * sees the new pods).
 */
export function reconcileReplicaSet(rs: ReplicaSet, pods: Pod[], opts: RsOptions): ReplicaSetPlan {
  const plan: ReplicaSetPlan = { create: [], update: [], delete: [], status: null };
  let selector: Selector;
  try {
    selector = storedSelector(rs.spec.selector);
  } catch {
    return plan;
  }
  const owned: Pod[] = [];
  for (const p of [...pods].sort(byName)) {
    if (p.metadata.namespace !== rs.metadata.namespace || !isPodActive(p)) continue;
    const ref = controllerOf(p);
    if (ref) {
      if (isControlledBy(p, rs)) owned.push(p);
      continue;
    }
    if (!rs.metadata.deletionTimestamp && selectorMatches(selector, p.metadata.labels)) {
      // Orphans matching the selector are adopted, as the ControllerRefManager does.
      const adopted: Pod = {
        ...p,
        metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), controllerRef({ ...rs, apiVersion: 'apps/v1', kind: 'ReplicaSet' })] },
      };
      plan.update.push(adopted);
      owned.push(adopted);
    }
  }
  const want = rs.spec.replicas ?? 1;
  if (!rs.metadata.deletionTimestamp) {
    if (owned.length < want) {
      for (let i = owned.length; i < want; i++) {
        const pod = podFromTemplate(rs, opts.random);
        pod.metadata.creationTimestamp = timestamp(opts.now);
        plan.create.push(pod);
      }
    } else if (owned.length > want) {
      plan.delete = [...owned].sort(comparePodsForDeletion).slice(0, owned.length - want);
    }
  }
  const status = replicaSetStatus(rs, owned, opts.now);
  if (!deepEqual(status, rs.status ?? {})) plan.status = { ...rs, status };
  return plan;
}
