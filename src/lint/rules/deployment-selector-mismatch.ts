// apps/v1 validation (ValidateDeploymentSpec and friends): the selector must match the template's
// labels; the apiserver's wording, as `apply` would print it.
import type { LabelSelector } from '../../api/types.js';
import { fieldErrorString, invalid } from '../../api/field.js';
import { labelSelectorMatcher } from '../../api/labels.js';
import type { Rule } from '../types.js';

const KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

export const rule: Rule = {
  id: 'deployment-selector-mismatch',
  severity: 'error',
  description: 'Deployment/ReplicaSet/StatefulSet/DaemonSet selector does not match its pod template labels.',
  check(ctx) {
    for (const o of ctx.objects) {
      if (!KINDS.includes(o.obj.kind) || !o.type) continue;
      const spec = (o.obj as { spec?: { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } } }).spec;
      const sel = spec?.selector;
      if (!sel || typeof sel !== 'object') continue;
      // An empty selector is a different error (`empty selector is invalid for deployment`).
      if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) continue;
      const labels = spec?.template?.metadata?.labels ?? {};
      if (labelSelectorMatcher(sel)(labels)) continue;
      const err = invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`');
      ctx.report(o, ['spec', 'template', 'metadata', 'labels'], fieldErrorString(err));
    }
  },
};
