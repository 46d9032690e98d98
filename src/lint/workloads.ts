// Pod templates of workload kinds: what a Service, NetworkPolicy or Ingress can end up selecting.
import { LabelIndex } from '../controllers/label-index.js';
import type { PathSegment } from '../api/decode.js';
import type { Container } from '../api/types.js';
import type { LintObject } from './types.js';

/** The kinds whose pods a Service can select, and where each keeps its pod template. */
const TEMPLATE_PATHS: Record<string, PathSegment[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const WORKLOAD_KINDS = Object.keys(TEMPLATE_PATHS);

export interface PodTemplate {
  owner: LintObject;
  labels: Record<string, string>;
  containers: Container[];
  /** Path of the template (the pod itself for a Pod). */
  path: PathSegment[];
}

function at(obj: unknown, path: PathSegment[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

/** The pod template of a workload object (a Pod is its own), or undefined for other kinds. */
export function podTemplateOf(o: LintObject): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[o.obj.kind];
  if (!path || !o.type) return undefined;
  const tpl = at(o.obj, path) as { metadata?: { labels?: unknown }; spec?: { containers?: unknown } } | undefined;
  if (!tpl || typeof tpl !== 'object') return undefined;
  const labels = tpl.metadata?.labels;
  const containers = tpl.spec?.containers;
  return {
    owner: o,
    labels: labels && typeof labels === 'object' ? (labels as Record<string, string>) : {},
    containers: Array.isArray(containers) ? (containers.filter((c) => c && typeof c === 'object') as Container[]) : [],
    path,
  };
}

/** Every pod template in `namespace`. */
export function podTemplatesIn(objects: LintObject[], namespace: string): PodTemplate[] {
  // Every Service asks for its namespace's templates: index the input once per namespace.
  let byNs = templateIndex.get(objects);
  if (!byNs) {
    byNs = new Map();
    for (const o of objects) {
      const t = podTemplateOf(o);
      if (!t) continue;
      const group = byNs.get(o.namespace);
      if (group) group.push(t);
      else byNs.set(o.namespace, [t]);
    }
    templateIndex.set(objects, byNs);
  }
  return byNs.get(namespace) ?? [];
}

const templateIndex = new WeakMap<LintObject[], Map<string, PodTemplate[]>>();
const labelIndex = new WeakMap<LintObject[], LabelIndex<PodTemplate>>();

/**
 * The pod templates of `namespace` a map selector selects, through a label index (namespace,
 * key, value -> templates) so that every Service does not scan every template.
 */
export function templatesSelectedBy(objects: LintObject[], namespace: string, selector: Record<string, string>): PodTemplate[] {
  let index = labelIndex.get(objects);
  if (!index) {
    index = new LabelIndex();
    for (const [ns, templates] of namespacesOf(objects)) for (const t of templates) index.add(ns, t.labels, t);
    labelIndex.set(objects, index);
  }
  // Input that failed validation may hold numbers: a selector's values are matched as text.
  const wanted: Record<string, string> = {};
  for (const k in selector) wanted[k] = String(selector[k]);
  return (index.withRarestLabel(namespace, wanted) ?? []).filter((t) => mapSelectorMatches(selector, t.labels));
}

function namespacesOf(objects: LintObject[]): Map<string, PodTemplate[]> {
  podTemplatesIn(objects, '');
  return templateIndex.get(objects)!;
}

/** A plain `key: value` selector (a Service's) matches labels when every pair is there. */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const k in selector) if (labels[k] !== String(selector[k])) return false;
  return true;
}
