// A NetworkPolicy whose podSelector matches no pod template in its namespace protects nothing.
import { formatLabelSelector, labelSelectorMatcher } from '../../api/labels.js';
import type { LabelSelector } from '../../api/types.js';
import type { Rule } from '../types.js';
import { podTemplatesIn } from '../workloads.js';

export const rule: Rule = {
  id: 'networkpolicy-selects-nothing',
  severity: 'error',
  description: 'NetworkPolicy podSelector matches no Pod or workload pod template in its namespace.',
  check(ctx) {
    for (const np of ctx.byKind('NetworkPolicy')) {
      const sel = (np.obj as { spec?: { podSelector?: LabelSelector } }).spec?.podSelector;
      // An empty selector selects every pod of the namespace, including pods not in the input.
      if (!sel || typeof sel !== 'object') continue;
      if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) continue;
      const matches = labelSelectorMatcher(sel);
      if (podTemplatesIn(ctx.objects, np.namespace).some((t) => matches(t.labels))) continue;
      ctx.report(
        np,
        ['spec', 'podSelector'],
        `podSelector ${formatLabelSelector(sel)} matches no pod template in namespace "${np.namespace}"`,
      );
    }
  },
};
