// The DaemonSet controller (pkg/controller/daemon) as a pure function: one pod on every node the
// template fits, bound there by node affinity; failed pods and extras replaced; a new template
// rolled out node by node within maxUnavailable; revisions kept as ControllerRevisions.
import { selectorMatches, type Selector } from '../api/labels.js';
import type { KubeObject, LabelSelector, Pod, PodSpec, PodTemplateSpec, Toleration } from '../api/types.js';
import { byName, controllerOf, controllerRef, deepEqual, isPodReady, scaledIntOrPercent, storedSelector, timestamp } from './common.js';
import { type ControllerRevision, maxRevision, templatePatch } from './history.js';
import { computePodTemplateHash, type Random } from './names.js';
import { fitsNodeAffinity, hasUntoleratedTaint, targetNodeName } from './node-fit.js';
import { isPodAvailable, podForController } from './replicaset.js';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
/** The pod label with the template generation (extensions.DaemonSetTemplateGenerationKey). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Where apps/v1 keeps the template generation (apps.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export interface DaemonSet extends KubeObject {
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: Record<string, unknown>;
}

export interface DaemonSetPlan {
  /** A new revision first, then the pods for nodes that lack one. */
  create: KubeObject[];
  /** Adopted orphans, and a revision made the newest again. */
  update: KubeObject[];
  /** Failed, surplus and misplaced pods, old pods a rolling update replaces, revisions beyond the history limit. */
  delete: KubeObject[];
  /** The set with its new status, or null when the status is already right. */
  status: DaemonSet | null;
}

/** What reconcile sees beside the set: its namespace's pods it owns or may adopt, its revisions, the nodes. */
export interface DaemonSetInput {
  pods: Pod[];
  revisions: ControllerRevision[];
  nodes: KubeObject[];
}

/** The tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations), the last only with hostNetwork. */
const DAEMON_TOLERATIONS: [string, string][] = [
  ['node.kubernetes.io/not-ready', 'NoExecute'],
  ['node.kubernetes.io/unreachable', 'NoExecute'],
  ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
  ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
  ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
  ['node.kubernetes.io/unschedulable', 'NoSchedule'],
  ['node.kubernetes.io/network-unavailable', 'NoSchedule'],
];

/** AddOrUpdateTolerationInPodSpec for each daemon toleration: replaced where the same one is there, else appended. */
function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...((spec.tolerations as Toleration[] | undefined) ?? [])];
  for (const [key, effect] of DAEMON_TOLERATIONS) {
    if (key === 'node.kubernetes.io/network-unavailable' && !spec.hostNetwork) continue;
    const t: Toleration = { key, operator: 'Exists', effect };
    const i = out.findIndex((x) => x.key === key && x.operator === 'Exists' && (x.value ?? '') === '' && x.effect === effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/** NodeShouldRunDaemonPod: [should a pod start there, may a running one stay]. */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: KubeObject): [boolean, boolean] {
  const spec: PodSpec = { ...ds.spec.template.spec, nodeName: node.metadata.name, tolerations: withDaemonTolerations(ds.spec.template.spec) };
  const wanted = ds.spec.template.spec.nodeName;
  if (wanted && wanted !== node.metadata.name) return [false, false];
  if (!fitsNodeAffinity(spec, node)) return [false, false];
  if (hasUntoleratedTaint(spec, node, ['NoSchedule', 'NoExecute'])) return [false, !hasUntoleratedTaint(spec, node, ['NoExecute'])];
  return [true, true];
}

/** The template generation apps/v1 keeps in an annotation (GetTemplateGeneration); undefined if absent or not a number. */
function templateGeneration(ds: DaemonSet): string | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? String(Number(v)) : undefined;
}

/** IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation) || (hash !== '' && labels[REVISION_HASH_LABEL] === hash);
}

/** podByCreationTimestampAndPhase: scheduled first, then the oldest, then by name. */
function oldestFirst(a: Pod, b: Pod): number {
  if (!!a.spec.nodeName !== !!b.spec.nodeName) return a.spec.nodeName ? -1 : 1;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  return ta !== tb ? ta - tb : byName(a, b);
}

/**
 * The pod for `node`: CreatePodTemplate (daemon tolerations, generation and hash labels) bound to
 * the node by a required node affinity on `metadata.name` (ReplaceDaemonSetPodNodeNameNodeAffinity).
 */
function daemonPod(ds: DaemonSet, node: string, hash: string, generation: string | undefined, now: Date, random: Random): Pod {
  const tmpl = ds.spec.template;
  const labels: Record<string, string> = { ...(tmpl.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  labels[REVISION_HASH_LABEL] = hash;
  const nodeTerm = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
  const affinity = { ...((tmpl.spec.affinity as Record<string, unknown> | undefined) ?? {}) };
  // The node term replaces any required terms of the template's own; preferred ones stay.
  affinity.nodeAffinity = { ...((affinity.nodeAffinity as Record<string, unknown> | undefined) ?? {}), requiredDuringSchedulingIgnoredDuringExecution: nodeTerm };
  const template: PodTemplateSpec = {
    metadata: { ...tmpl.metadata, labels },
    spec: { ...tmpl.spec, tolerations: withDaemonTolerations(tmpl.spec), affinity },
  };
  const pod = podForController(ds, 'DaemonSet', template, random);
  pod.metadata.creationTimestamp = timestamp(now);
  return pod;
}

/** The pods of one node split into the current revision's and an older one's (findUpdatedPodsOnNode); undefined with two of either. */
function updatedAndOld(pods: Pod[], hash: string, generation: string | undefined): { updated?: Pod; old?: Pod } | undefined {
  const out: { updated?: Pod; old?: Pod } = {};
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const slot = isPodUpdated(p, hash, generation) ? 'updated' : 'old';
    if (out[slot]) return undefined;
    out[slot] = p;
  }
  return out;
}

/**
 * Reconciles one DaemonSet (syncDaemonSet): its revision history, then manage (a pod for every
 * node that should run one, failed and surplus pods deleted), then, once manage has nothing to do,
 * a rolling update step, and the status as the pods were read. A surge (maxSurge) is not
 * simulated: the update replaces pods within maxUnavailable, as with maxSurge 0.
 */
export function reconcileDaemonSet(ds: DaemonSet, input: DaemonSetInput, opts: { now: Date; random: Random }): DaemonSetPlan {
  const plan: DaemonSetPlan = { create: [], update: [], delete: [], status: null };
  let selector: Selector;
  try {
    selector = storedSelector(ds.spec.selector);
  } catch {
    return plan;
  }
  // A selector of nothing selects every pod: the controller refuses to act on it.
  if (!Object.keys(ds.spec.selector?.matchLabels ?? {}).length && !(ds.spec.selector?.matchExpressions ?? []).length) return plan;
  const ns = ds.metadata.namespace;
  const own = (o: KubeObject) => controllerOf(o)?.uid === ds.metadata.uid;
  const collisionCount = ds.status?.collisionCount as number | undefined;

  // constructHistory: the revision holding the current template, made the newest (or created).
  const revisions = input.revisions.filter((r) => r.metadata.namespace === ns && own(r));
  const wanted = templatePatch(ds.spec.template);
  const current = revisions.filter((r) => deepEqual(r.data, wanted));
  const old = revisions.filter((r) => !current.includes(r));
  const next = maxRevision(old) + 1;
  let cur = current.sort((a, b) => b.revision - a.revision)[0];
  let hash: string;
  if (!cur) {
    hash = computePodTemplateHash(ds.spec.template, collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    if (input.revisions.some((r) => r.metadata.namespace === ns && r.metadata.name === name)) {
      // Another revision holds the name: a hash collision, resolved next time with a new salt.
      plan.status = { ...ds, status: { ...ds.status, collisionCount: (collisionCount ?? 0) + 1 } };
      return plan;
    }
    cur = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [controllerRef({ ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' })],
      },
      data: wanted,
      revision: next,
    };
    plan.create.push(cur);
  } else {
    hash = cur.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
    // Duplicates of the current revision go (dedupCurHistories).
    for (const dup of current.slice(1)) plan.delete.push(dup);
    if (cur.revision < next) plan.update.push((cur = { ...cur, revision: next }));
  }
  const generation = templateGeneration(ds);

  // getNodesToDaemonPods: owned pods and adopted orphans, by the node each is bound to.
  const claimed: Pod[] = [];
  for (const p of [...input.pods].sort(byName)) {
    if (p.metadata.namespace !== ns) continue;
    if (own(p)) claimed.push(p);
    else if (!controllerOf(p) && !p.metadata.deletionTimestamp && selectorMatches(selector, p.metadata.labels)) {
      const adopted = { ...p, metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), controllerRef({ ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' })] } };
      plan.update.push(adopted);
      claimed.push(adopted);
    }
  }
  const byNode = new Map<string, Pod[]>();
  for (const p of claimed) {
    const node = targetNodeName(p);
    if (node === undefined) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), p]);
  }

  // manage: per node, what should run there against what does.
  const needPods: string[] = [];
  const toDelete: Pod[] = [];
  for (const node of input.nodes) {
    const name = node.metadata.name ?? '';
    const [shouldRun, mayContinue] = nodeShouldRunDaemonPod(ds, node);
    const pods = byNode.get(name);
    if (shouldRun && !pods) needPods.push(name);
    else if (mayContinue && pods) {
      const running = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
      toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp && !running.includes(p)));
      // More than one: all but the oldest go.
      toDelete.push(...running.sort(oldestFirst).slice(1));
    } else if (!mayContinue && pods) toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
  }
  // Unscheduled pods bound to a node that does not exist.
  const nodeNames = new Set(input.nodes.map((n) => n.metadata.name));
  for (const [node, pods] of byNode) if (!nodeNames.has(node)) toDelete.push(...pods.filter((p) => !p.spec.nodeName));
  for (const node of needPods) plan.create.push(daemonPod(ds, node, hash, generation, opts.now, opts.random));
  plan.delete.push(...toDelete);

  // rollingUpdate, once manage has nothing left to do (its expectations met).
  if (ds.spec.updateStrategy?.type === 'RollingUpdate' && !needPods.length && !toDelete.length) plan.delete.push(...rollingUpdateStep(ds, input.nodes, byNode, hash, generation, opts.now));

  // cleanupHistory: old revisions beyond the limit, oldest first, unless a live pod still uses them.
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  const liveHashes = new Set(claimed.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter((h) => h));
  let surplus = old.length - limit;
  for (const r of [...old].sort((a, b) => a.revision - b.revision)) {
    if (surplus <= 0) break;
    if (liveHashes.has(r.metadata.labels?.[REVISION_HASH_LABEL])) continue;
    plan.delete.push(r);
    surplus--;
  }

  const status = daemonSetStatus(ds, input.nodes, byNode, hash, generation, opts.now);
  if (!deepEqual(status, ds.status ?? {})) plan.status = { ...ds, status };
  return plan;
}

/** rollingUpdate without surge: old pods replaced while no more than maxUnavailable nodes are without an available pod. */
function rollingUpdateStep(ds: DaemonSet, nodes: KubeObject[], byNode: Map<string, Pod[]>, hash: string, generation: string | undefined, now: Date): Pod[] {
  const minReady = ds.spec.minReadySeconds ?? 0;
  const wanted = nodes.filter((n) => nodeShouldRunDaemonPod(ds, n)[0]).map((n) => n.metadata.name ?? '');
  const desired = wanted.length;
  const rolling = ds.spec.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledIntOrPercent(rolling?.maxUnavailable ?? 1, desired, true);
  if (desired > 0 && maxUnavailable === 0 && scaledIntOrPercent(rolling?.maxSurge ?? 0, desired, true) === 0) maxUnavailable = 1;
  // Every node with pods, and every node that should have one.
  const considered = [...new Set([...byNode.keys(), ...wanted])];
  let unavailable = 0;
  const replace: Pod[] = [];
  const candidates: Pod[] = [];
  for (const node of considered) {
    const split = updatedAndOld(byNode.get(node) ?? [], hash, generation);
    if (!split || (split.old && split.updated) || (!split.old && !split.updated)) {
      unavailable++; // manage sorts these nodes out; meanwhile they count as unavailable
      continue;
    }
    if (split.updated) {
      if (!isPodAvailable(split.updated, minReady, now)) unavailable++;
      continue;
    }
    if (!isPodAvailable(split.old!, minReady, now)) replace.push(split.old!);
    else if (unavailable < maxUnavailable) candidates.push(split.old!);
  }
  const room = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.length);
  return [...replace, ...candidates.slice(0, room)];
}

/** updateDaemonSetStatus: per node that should run a pod, whether it has one, ready, available and up to date. */
function daemonSetStatus(ds: DaemonSet, nodes: KubeObject[], byNode: Map<string, Pod[]>, hash: string, generation: string | undefined, now: Date): Record<string, unknown> {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const node of nodes) {
    const [shouldRun] = nodeShouldRunDaemonPod(ds, node);
    const pods = byNode.get(node.metadata.name ?? '');
    if (!shouldRun) {
      if (pods) misscheduled++;
      continue;
    }
    desired++;
    if (!pods) continue;
    current++;
    const pod = [...pods].sort(oldestFirst)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now)) available++;
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  // DaemonSetStatus's JSON: the first four always, the rest omitted when zero.
  const st: Record<string, unknown> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
  };
  if (ds.metadata.generation !== undefined) st.observedGeneration = ds.metadata.generation;
  if (updated) st.updatedNumberScheduled = updated;
  if (available) st.numberAvailable = available;
  if (desired - available) st.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) st.collisionCount = ds.status.collisionCount;
  const conditions = ds.status?.conditions as unknown[] | undefined;
  if (conditions?.length) st.conditions = conditions;
  return st;
}
