// The StatefulSet controller (pkg/controller/statefulset) as a pure function: pods with stable
// names `<set>-<ordinal>`, hostnames under the governing Service, claims from the set's
// volumeClaimTemplates, created in order (OrderedReady) or all at once (Parallel), removed from
// the highest ordinal down, and rolled to a new template from the highest ordinal down.
import { createdPodStatus } from '../api/qos.js';
import { labelSelectorMatcher } from '../api/labels.js';
import type { KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../api/types.js';
import { admitPod } from '../api/admission/pod.js';
import { defaultPod } from '../api/defaults/pod.js';
import { clone } from '../store/store.js';
import { controllerOf, controllerRef, deepEqual, isPodReady, isPodTerminal } from './common.js';
import { fnv32aCanonical, podPrefix, safeEncodeString, saltWithCollisionCount, type Random } from './names.js';
import { isPodAvailable } from './replicaset.js';
import { type ControllerRevision, revisionTemplate, templatePatch } from './history.js';

export type { ControllerRevision };

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

type Obj = Record<string, unknown>;

export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: LabelSelector;
    template: PodTemplateSpec;
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    ordinals?: { start?: number };
    minReadySeconds?: number;
    volumeClaimTemplates?: { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Obj; status?: Obj }[];
  };
  status?: Obj;
}

export interface StatefulSetPlan {
  /** In creation order: a new revision, then claims before the pods that mount them. */
  create: KubeObject[];
  /** Orphan pods adopted (their controller reference set), and a revision made the newest again. */
  update: KubeObject[];
  delete: KubeObject[];
  /** The set with its new status, or null when the status is already right. */
  status: StatefulSet | null;
}

/** What reconcile sees beside the set: its namespace's pods named `<set>-...`, its revisions, its claims' names. */
export interface StatefulSetInput {
  pods: Pod[];
  revisions: ControllerRevision[];
  claims: Set<string>;
}

/** getParentNameAndOrdinal: the ordinal of a pod named `<set>-<n>`, or undefined. */
export function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** getPatch: the revision's data, the template to be replaced whole. */
const revisionData = (set: StatefulSet): ControllerRevision['data'] => templatePatch(set.spec.template);

/**
 * history.NewControllerRevision: `<set>-<hash>`, labelled as the template, owned by the set.
 * Deviation: the hash is FNV-1a over the canonical JSON of the data (Kubernetes hashes the raw
 * patch bytes), so the exact name differs from a real cluster's.
 */
function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionData(set);
  let h = fnv32aCanonical(data);
  if (collisionCount) h = saltWithCollisionCount(h, collisionCount);
  const prefix = (set.metadata.name ?? '').slice(0, 223);
  const labels = set.spec.template.metadata?.labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${prefix}-${safeEncodeString(String(h))}`,
      namespace: set.metadata.namespace,
      ...(labels ? { labels: { ...labels } } : {}),
      ownerReferences: [controllerRef({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' })],
    },
    data,
    revision,
  };
}

/** getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>`. */
const claimName = (template: string, set: string, ordinal: number) => `${template}-${set}-${ordinal}`;

/** getPersistentVolumeClaims: the claims of one ordinal, labelled with the set's matchLabels too. */
function claimsFor(set: StatefulSet, ordinal: number): KubeObject[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => {
    const meta = t.metadata ?? {};
    const labels = { ...(meta.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) };
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claimName(meta.name ?? '', set.metadata.name ?? '', ordinal), namespace: set.metadata.namespace, labels },
      spec: clone(t.spec ?? {}),
      status: { phase: 'Pending' },
    };
    if (meta.annotations) claim.metadata.annotations = { ...meta.annotations };
    return claim;
  });
}

/**
 * newVersionedStatefulSetPod: the template of `revision` through the apiserver's create path,
 * named `<set>-<ordinal>` (generateName `<set>-`, as GetPodFromTemplate leaves it), with its
 * identity (pod-name and pod-index labels, hostname, subdomain), its claims' volumes first and
 * the revision label.
 */
function newPod(set: StatefulSet, ordinal: number, revision: ControllerRevision, random: Random): Pod {
  const setName = set.metadata.name ?? '';
  const template = revisionTemplate(revision);
  const name = `${setName}-${ordinal}`;
  const labels = { ...(template.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revision.metadata.name ?? '' };
  const meta: Pod['metadata'] = { name, generateName: podPrefix(setName), namespace: set.metadata.namespace, labels };
  if (template.metadata?.annotations) meta.annotations = { ...template.metadata.annotations };
  meta.ownerReferences = [controllerRef({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' })];
  const spec = clone(template.spec) as Pod['spec'] & Obj;
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claimVolumes = (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', setName, ordinal) },
  }));
  if (claimVolumes.length) {
    const taken = new Set(claimVolumes.map((v) => v.name));
    spec.volumes = [...claimVolumes, ...((spec.volumes as Obj[] | undefined) ?? []).filter((v) => !taken.has(v.name as string))];
  }
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
  defaultPod(pod);
  admitPod(pod, random);
  pod.status = createdPodStatus(pod.spec);
  return pod;
}

const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isCreated = (p: Pod) => !!p.status?.phase;
const isTerminating = (p: Pod) => !!p.metadata.deletionTimestamp;
const revisionOfPod = (p: Pod) => p.metadata.labels?.[REVISION_LABEL];

/**
 * Reconciles one StatefulSet (syncStatefulSet / updateStatefulSet). OrderedReady waits for each
 * pod to be Running and Ready before the next step; Parallel does every step at once. A pod named
 * as a replica but owned by another controller is left alone (its create would fail). Old
 * revisions are kept (revisionHistoryLimit is not applied).
 */
export function reconcileStatefulSet(set: StatefulSet, input: StatefulSetInput, opts: { now: Date; random: Random }): StatefulSetPlan {
  const plan: StatefulSetPlan = { create: [], update: [], delete: [], status: null };
  const setName = set.metadata.name ?? '';
  const ns = set.metadata.namespace;
  const matches = labelSelectorMatcher(set.spec.selector);
  const ownRef = controllerRef({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' });
  const own = (o: KubeObject) => controllerOf(o)?.uid === set.metadata.uid;

  // Revisions: the one holding the current template is the update revision (a new one if none).
  const revisions = input.revisions.filter((r) => r.metadata.namespace === ns && own(r)).sort((a, b) => a.revision - b.revision);
  const wanted = revisionData(set);
  let update = revisions.find((r) => deepEqual(r.data, wanted));
  const collisionCount = (set.status?.collisionCount as number | undefined) ?? 0;
  const latest = revisions.at(-1)?.revision ?? 0;
  if (!update) {
    update = newRevision(set, latest + 1, collisionCount);
    plan.create.push(update);
  } else if (update.revision < latest) {
    // Back to an older template (a rollback): its revision becomes the newest.
    update = { ...update, revision: latest + 1 };
    plan.update.push(update);
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;

  // Member pods: owned ones, and orphans named as replicas that the selector matches (adopted).
  const members: Pod[] = [];
  for (const p of input.pods) {
    if (p.metadata.namespace !== ns || ordinalOf(setName, p.metadata.name ?? '') === undefined) continue;
    if (own(p)) members.push(p);
    else if (!controllerOf(p) && matches(p.metadata.labels) && !isTerminating(p)) {
      const adopted = { ...p, metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), ownRef] } };
      plan.update.push(adopted);
      members.push(adopted);
    }
  }
  const taken = new Set(input.pods.filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name));
  const replicas = set.spec.replicas ?? 1;
  const start = set.spec.ordinals?.start ?? 0;
  const end = start + replicas;
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const byOrdinal = new Map(members.map((p) => [ordinalOf(setName, p.metadata.name ?? '')!, p]));
  const condemned = members.filter((p) => {
    const o = ordinalOf(setName, p.metadata.name ?? '')!;
    return o < start || o >= end;
  }).sort((a, b) => ordinalOf(setName, b.metadata.name ?? '')! - ordinalOf(setName, a.metadata.name ?? '')!);

  const status = () => {
    plan.status = statusFor(set, [...byOrdinal.values()], current, update!, collisionCount, opts.now);
    return plan;
  };

  // 1. Replicas: failed pods are deleted (recreated next time), missing ones created in order.
  const partition = set.spec.updateStrategy?.type === 'RollingUpdate' ? (set.spec.updateStrategy.rollingUpdate?.partition ?? 0) : undefined;
  for (let ord = start; ord < end; ord++) {
    const pod = byOrdinal.get(ord);
    if (pod && isPodTerminal(pod) && !isTerminating(pod)) {
      plan.delete.push(pod);
      if (monotonic) return status();
      continue;
    }
    if (!pod) {
      const name = `${setName}-${ord}`;
      // Another controller's pod holds the name: its create would fail, and an ordered set stops there.
      if (taken.has(name)) {
        if (monotonic) return status();
        continue;
      }
      // Ordinals below the partition stay on the current revision during a rolling update.
      const revision = partition !== undefined && ord < start + partition ? current : update;
      for (const claim of claimsFor(set, ord)) if (!input.claims.has(claim.metadata.name ?? '')) plan.create.push(claim);
      plan.create.push(newPod(set, ord, revision, opts.random));
      if (monotonic) return status();
      continue;
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return status();
  }

  // 2. Scale down: the highest ordinal first (one at a time when ordered).
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return status();
      continue;
    }
    plan.delete.push(pod);
    byOrdinal.delete(ordinalOf(setName, pod.metadata.name ?? '')!);
    if (monotonic) return status();
  }

  // 3. Rolling update: from the highest ordinal down to the partition, one pod at a time, each
  // once every replica is Running and Ready.
  if (partition !== undefined) {
    const healthy = [...byOrdinal.values()].every((p) => isRunningAndReady(p) && !isTerminating(p));
    for (let ord = end - 1; ord >= start + partition && healthy; ord--) {
      const pod = byOrdinal.get(ord);
      if (pod && revisionOfPod(pod) !== update.metadata.name) {
        plan.delete.push(pod);
        break;
      }
    }
  }
  return status();
}

/** updateStatefulSetStatus: counts by readiness and revision; a finished rollout makes the update revision current. */
function statusFor(set: StatefulSet, pods: Pod[], current: ControllerRevision, update: ControllerRevision, collisionCount: number, now: Date): StatefulSet | null {
  const created = pods.filter(isCreated);
  const live = created.filter((p) => !isTerminating(p));
  const st: Obj = {
    availableReplicas: created.filter((p) => p.status?.phase === 'Running' && isPodAvailable(p, set.spec.minReadySeconds ?? 0, now)).length,
    collisionCount,
    currentReplicas: live.filter((p) => revisionOfPod(p) === current.metadata.name).length,
    currentRevision: current.metadata.name,
    observedGeneration: set.metadata.generation,
    readyReplicas: created.filter(isRunningAndReady).length,
    replicas: created.length,
    updateRevision: update.metadata.name,
    updatedReplicas: live.filter((p) => revisionOfPod(p) === update.metadata.name).length,
  };
  if (st.updatedReplicas === st.replicas && st.readyReplicas === st.replicas) {
    st.currentReplicas = st.updatedReplicas;
    st.currentRevision = st.updateRevision;
  }
  // omitempty: zero counts are not written (replicas and availableReplicas always are).
  for (const k of ['currentReplicas', 'readyReplicas', 'updatedReplicas']) if (!st[k]) delete st[k];
  if (st.observedGeneration === undefined) delete st.observedGeneration;
  if (deepEqual(st, set.status ?? {})) return null;
  return { ...set, status: st };
}
