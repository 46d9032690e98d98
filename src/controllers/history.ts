// ControllerRevisions as the StatefulSet and DaemonSet controllers keep them (pkg/controller/history):
// each revision holds its owner's pod template as a strategic merge patch that replaces it whole.
import type { KubeObject, PodTemplateSpec } from '../api/types.js';
import { clone } from '../store/store.js';

type Obj = Record<string, unknown>;

export interface ControllerRevision extends KubeObject {
  data: { spec: { template: Obj } };
  revision: number;
}

/** getPatch: the data a revision of `template` holds, `{spec: {template: {..., $patch: replace}}}`. */
export function templatePatch(template: PodTemplateSpec): ControllerRevision['data'] {
  return { spec: { template: { ...(clone(template) as unknown as Obj), $patch: 'replace' } } };
}

/** The template a revision holds. */
export function revisionTemplate(rev: ControllerRevision): PodTemplateSpec {
  const { $patch: _patch, ...template } = rev.data.spec.template;
  return template as unknown as PodTemplateSpec;
}

/** The highest revision number among `revisions` (0 for none). */
export const maxRevision = (revisions: ControllerRevision[]): number => revisions.reduce((m, r) => Math.max(m, r.revision), 0);
