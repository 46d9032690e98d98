// A NodePort or LoadBalancer Service open to every source address.
import type { Rule } from '../types.js';
import { isExternal, serviceSpec } from '../services.js';

export const rule: Rule = {
  id: 'external-without-source-ranges',
  severity: 'warning',
  description: 'NodePort or LoadBalancer Service without loadBalancerSourceRanges is reachable from any address.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec || !isExternal(spec)) continue;
      if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0) continue;
      ctx.report(svc, ['spec', 'type'], `${spec.type} Service has no loadBalancerSourceRanges: reachable from any address`);
    }
  },
};
