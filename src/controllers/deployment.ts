// The Deployment controller (pkg/controller/deployment) as a pure function. Rollouts are
// instant: the ReplicaSet matching the current template gets all replicas and every older one is
// scaled to 0 at once (the end state of a RollingUpdate or Recreate, without the steps between).
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types.js';
import { byName, controllerRef, deepEqual, deepEqualWithout, isControlledBy, scaledIntOrPercent, timestamp, type Plan } from './common.js';
import { computePodTemplateHash } from './names.js';
import { clone } from '../store/store.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deployment.kubernetes.io/error-selector-overlapping-with',
  'deployment.kubernetes.io/selector-updated-at',
]);

export interface DeploymentPlan extends Plan<ReplicaSet> {
  /** The Deployment with new annotations/status, or null when nothing about it changed. */
  deployment: Deployment | null;
}

interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** MaxSurge / MaxUnavailable of the strategy (25%/25% by default; Recreate has none). */
export function surgeAndUnavailable(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const strategy = (d.spec.strategy ?? {}) as { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } };
  if (strategy.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  const replicas = d.spec.replicas ?? 1;
  const ru = strategy.rollingUpdate ?? {};
  let maxSurge = scaledIntOrPercent(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledIntOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  if (maxUnavailable > replicas) maxUnavailable = replicas;
  return { maxSurge, maxUnavailable };
}

/** The template without the pod-template-hash label (EqualIgnoreHash compares these). */
function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...(t.metadata ?? {}), labels } };
}

/**
 * EqualIgnoreHash results by template pair. Stored objects are never changed in place (the test
 * suite freezes them) and keep their templates across status writes, so a full run's later rounds
 * compare each Deployment's template with its ReplicaSets' once, not once a round.
 */
const sameTemplates = new WeakMap<PodTemplateSpec, WeakMap<PodTemplateSpec, boolean>>();

/** EqualIgnoreHash: the templates equal once the pod-template-hash label is dropped from both. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  let byB = sameTemplates.get(a);
  if (!byB) sameTemplates.set(a, (byB = new WeakMap()));
  let same = byB.get(b);
  if (same === undefined) byB.set(b, (same = deepEqual(withoutHash(a), withoutHash(b))));
  return same;
}

const revisionOf = (rs: ReplicaSet): number => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;

/** newRSTemplate, selector and metadata for the ReplicaSet of the current template. */
function newReplicaSet(d: Deployment, hash: string, revision: number): ReplicaSet {
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  // The pod spec is the Deployment's own object: stored objects are never changed, and the store
  // keeps its own copy where it does not keep objects as given.
  const template: PodTemplateSpec = { ...d.spec.template, metadata: { ...(d.spec.template.metadata ?? {}), labels } };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
  annotations[REVISION_ANNOTATION] = String(revision);
  const selector = clone(d.spec.selector) as ReplicaSet['spec']['selector'];
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const spec: ReplicaSet['spec'] = { replicas: 0, selector, template };
  const minReady = d.spec.minReadySeconds as number | undefined;
  if (minReady) spec.minReadySeconds = minReady;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels,
      annotations,
      ownerReferences: [controllerRef({ ...d, apiVersion: 'apps/v1', kind: 'Deployment' })],
    },
    spec,
  };
}

/** SetDeploymentCondition: same status and reason changes nothing; same status keeps the transition time. */
function setCondition(conds: DeploymentCondition[], c: DeploymentCondition): DeploymentCondition[] {
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return conds;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  return [...conds.filter((x) => x.type !== c.type), c];
}

/** A count of a ReplicaSet's status; 0 when absent (a new ReplicaSet has no status). */
const rsStatus = (rs: ReplicaSet, f: string): number => ((rs.status ?? {}) as Record<string, number>)[f] ?? 0;

/**
 * Whether a ReplicaSet's update (old -> cur) can change what reconcileDeployment plans. It reads a
 * ReplicaSet's metadata and spec and three of its status counts; not observedGeneration,
 * fullyLabeledReplicas or conditions, which is all the ReplicaSet controller's first status write
 * after making pods changes. (Its plans carry a ReplicaSet's status along unchanged.)
 */
export function replicaSetUpdateMatters(old: ReplicaSet, cur: ReplicaSet): boolean {
  for (const f of ['replicas', 'readyReplicas', 'availableReplicas']) if (rsStatus(old, f) !== rsStatus(cur, f)) return true;
  return !deepEqual(old.spec, cur.spec) || !deepEqualWithout(old.metadata, cur.metadata, 'resourceVersion');
}

/**
 * Reconciles one Deployment with the ReplicaSets of its namespace. The ReplicaSet for the current
 * template is `<deploy>-<pod-template-hash>` (labels + pod-template-hash, owner reference, revision
 * annotation max+1, desired/max-replicas annotations) and gets spec.replicas; every other owned
 * ReplicaSet goes to 0. The Deployment gets the revision annotation and status (replicas,
 * updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, observedGeneration,
 * conditions Available and Progressing), computed from the ReplicaSets' statuses.
 */
export function reconcileDeployment(
  d: Deployment,
  replicaSets: ReplicaSet[],
  opts: {
    now: Date;
    /** Whether a ReplicaSet of that name exists in d's namespace; default: one of `replicaSets` has it. */
    nameTaken?: (name: string) => boolean;
  },
): DeploymentPlan {
  const plan: DeploymentPlan = { create: [], update: [], delete: [], deployment: null };
  const ts = timestamp(opts.now);
  const owned = replicaSets.filter((rs) => rs.metadata.namespace === d.metadata.namespace && isControlledBy(rs, d)).sort(byName);
  const replicas = d.spec.replicas ?? 1;
  const { maxSurge, maxUnavailable } = surgeAndUnavailable(d);
  const status = { ...((d.status ?? {}) as Record<string, unknown>) };
  let conditions = [...((status.conditions as DeploymentCondition[] | undefined) ?? [])];
  const cond = (type: string, st: boolean, reason: string, message: string): DeploymentCondition => ({
    type,
    status: st ? 'True' : 'False',
    lastUpdateTime: ts,
    lastTransitionTime: ts,
    reason,
    message,
  });

  let newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const maxOld = Math.max(0, ...owned.filter((rs) => rs !== newRS).map(revisionOf));
  const replicaAnnotations = { [DESIRED_REPLICAS_ANNOTATION]: String(replicas), [MAX_REPLICAS_ANNOTATION]: String(replicas + maxSurge) };
  if (!newRS) {
    let collisions = (status.collisionCount as number | undefined) ?? undefined;
    let hash = computePodTemplateHash(d.spec.template, collisions);
    // A name taken by a ReplicaSet with another template is a hash collision: bump collisionCount.
    const taken = opts.nameTaken ?? ((name: string) => replicaSets.some((rs) => rs.metadata.namespace === d.metadata.namespace && rs.metadata.name === name));
    while (taken(`${d.metadata.name}-${hash}`)) {
      collisions = (collisions ?? 0) + 1;
      hash = computePodTemplateHash(d.spec.template, collisions);
    }
    if (collisions !== undefined) status.collisionCount = collisions;
    const rs = newReplicaSet(d, hash, maxOld + 1);
    Object.assign(rs.metadata.annotations!, replicaAnnotations);
    rs.spec.replicas = replicas;
    plan.create.push(rs);
    newRS = rs;
    conditions = setCondition(conditions, cond('Progressing', true, 'NewReplicaSetCreated', `Created new replica set "${rs.metadata.name}"`));
  } else {
    const annotations = { ...(newRS.metadata.annotations ?? {}) };
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
    const oldRev = annotations[REVISION_ANNOTATION];
    if (revisionOf(newRS) < maxOld + 1 && maxOld > 0) {
      // Rolling back to an older template: it takes the next revision and remembers its old one.
      annotations[REVISION_ANNOTATION] = String(maxOld + 1);
      if (oldRev) {
        const hist = annotations[REVISION_HISTORY_ANNOTATION];
        annotations[REVISION_HISTORY_ANNOTATION] = hist ? `${hist},${oldRev}` : oldRev;
      }
    } else if (!oldRev) annotations[REVISION_ANNOTATION] = String(maxOld + 1);
    Object.assign(annotations, replicaAnnotations);
    const minReady = d.spec.minReadySeconds as number | undefined;
    const spec = { ...newRS.spec, replicas };
    if (minReady) spec.minReadySeconds = minReady;
    else delete spec.minReadySeconds;
    const updated: ReplicaSet = { ...newRS, metadata: { ...newRS.metadata, annotations }, spec };
    if (!deepEqual(updated, newRS)) plan.update.push(updated);
  }
  for (const rs of owned) {
    if (rs === newRS || (rs.spec.replicas ?? 1) === 0) continue;
    plan.update.push({ ...rs, spec: { ...rs.spec, replicas: 0 } });
  }

  // Status from the ReplicaSets' own statuses (the new one has none until its controller runs).
  const all = owned.includes(newRS) ? owned : [...owned, newRS];
  const sum = (f: string) => all.reduce((n, rs) => n + rsStatus(rs, f), 0);
  const total = sum('replicas');
  const updatedReplicas = rsStatus(newRS, 'replicas');
  const ready = sum('readyReplicas');
  const available = sum('availableReplicas');
  // totalReplicas - availableReplicas, where total is the ReplicaSets' desired count (= replicas once rolled out).
  const unavailable = Math.max(0, replicas - available);
  const prevUpdated = (status.updatedReplicas as number | undefined) ?? 0;
  const prevReady = (status.readyReplicas as number | undefined) ?? 0;
  const prevAvailable = (status.availableReplicas as number | undefined) ?? 0;
  const generation = d.metadata.generation;

  if (available >= replicas - maxUnavailable) {
    conditions = setCondition(conditions, cond('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
  } else {
    conditions = setCondition(conditions, cond('Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  }
  const complete = updatedReplicas === replicas && total === replicas && available === replicas;
  if (complete) {
    conditions = setCondition(conditions, cond('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`));
  } else if (updatedReplicas > prevUpdated || ready > prevReady || available > prevAvailable) {
    // Progress refreshes lastUpdateTime even with the same reason (keeps the transition time).
    const c = cond('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${newRS.metadata.name}" is progressing.`);
    const cur = conditions.find((x) => x.type === 'Progressing');
    if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
    conditions = [...conditions.filter((x) => x.type !== 'Progressing'), c];
  }

  const next: Record<string, unknown> = {};
  if (generation !== undefined) next.observedGeneration = generation;
  if (total) next.replicas = total;
  if (updatedReplicas) next.updatedReplicas = updatedReplicas;
  if (ready) next.readyReplicas = ready;
  if (available) next.availableReplicas = available;
  if (unavailable) next.unavailableReplicas = unavailable;
  if (conditions.length) next.conditions = conditions;
  if (status.collisionCount !== undefined) next.collisionCount = status.collisionCount;

  const annotations = { ...(d.metadata.annotations ?? {}) };
  const rev = plan.update.find((rs) => rs.metadata.name === newRS!.metadata.name) ?? newRS;
  annotations[REVISION_ANNOTATION] = rev.metadata.annotations?.[REVISION_ANNOTATION] ?? '1';
  const nextDeployment: Deployment = { ...d, metadata: { ...d.metadata, annotations }, status: next };
  if (!deepEqual(nextDeployment, d)) plan.deployment = nextDeployment;
  return plan;
}
