// An ExternalName is served as a CNAME: an IP address there is a name that will not resolve.
import { parseIPSloppy } from '../../api/validation/ip.js';
import type { Rule } from '../types.js';
import { serviceSpec } from '../services.js';

export const rule: Rule = {
  id: 'externalname-is-ip',
  severity: 'error',
  description: 'ExternalName Service holds an IP address; DNS answers it as a CNAME, which cannot point at an IP.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (spec?.type !== 'ExternalName' || typeof spec.externalName !== 'string') continue;
      if (parseIPSloppy(spec.externalName) === null) continue;
      ctx.report(svc, ['spec', 'externalName'], `externalName "${spec.externalName}" is an IP address; use a Service without a selector and an EndpointSlice instead`);
    }
  },
};
