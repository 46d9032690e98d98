// A Service whose selector matches no pod template in its namespace gets no endpoints.
import { formatLabels } from '../../api/labels.js';
import type { Rule } from '../types.js';
import { WORKLOAD_KINDS, templatesSelectedBy } from '../workloads.js';
import { serviceSpec } from '../services.js';

export const rule: Rule = {
  id: 'service-selector-no-match',
  severity: 'error',
  description: 'Service selector matches no Pod or workload pod template in the same namespace.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec || spec.type === 'ExternalName') continue;
      const selector = spec.selector;
      if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) continue;
      if (templatesSelectedBy(ctx.objects, svc.namespace, selector).length > 0) continue;
      ctx.report(
        svc,
        ['spec', 'selector'],
        `selector ${formatLabels(selector)} matches no ${WORKLOAD_KINDS.join('/')} pod template in namespace "${svc.namespace}"`,
      );
    }
  },
};
