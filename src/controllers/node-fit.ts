// Whether a pod fits a node by its node name, nodeSelector, required node affinity and taints:
// the scheduler predicates the DaemonSet controller checks (NodeShouldRunDaemonPod) and the node
// a DaemonSet pod is bound to (GetTargetNodeName).
import type { KubeObject, Pod, PodSpec, Toleration } from '../api/types.js';

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

type Affinity = { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };

const requiredTerms = (spec: PodSpec): NodeSelectorTerm[] | undefined =>
  (spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;

/** One requirement against a value that is there or not (labels; `metadata.name` for fields). */
function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers (NodeSelectorRequirementsAsSelector).
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** A term matches when all its requirements do; a term with none matches no node. */
function termMatches(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined))) return false;
  // Only metadata.name may be matched as a field.
  return fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name));
}

/** GetRequiredNodeAffinity(pod).Match(node): the nodeSelector and any one required term. */
export function fitsNodeAffinity(spec: PodSpec, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((spec.nodeSelector as Record<string, string> | undefined) ?? {})) if (labels[k] !== v) return false;
  const terms = requiredTerms(spec);
  return !terms || terms.some((t) => termMatches(t, node));
}

/** ToleratesTaint: same effect (or any), and the key and value as the operator asks. */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** Whether a taint of the node with one of `effects` is tolerated by none of the pod's tolerations. */
export function hasUntoleratedTaint(spec: PodSpec, node: KubeObject, effects: string[]): boolean {
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => effects.includes(t.effect));
  const tolerations = (spec.tolerations as Toleration[] | undefined) ?? [];
  return taints.some((taint) => !tolerations.some((t) => tolerates(t, taint)));
}

/**
 * GetTargetNodeName: the node a pod is bound to, or, unscheduled, the one its required node
 * affinity names (`metadata.name In [node]`, as the DaemonSet controller writes it).
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of requiredTerms(pod.spec) ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
