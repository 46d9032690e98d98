// A named targetPort resolves per pod: a pod whose containers do not declare it gets no endpoint.
import type { Rule } from '../types.js';
import { selectedTemplates, serviceSpec, servicePorts } from '../services.js';

export const rule: Rule = {
  id: 'service-target-port-name-missing',
  severity: 'error',
  description: 'Named targetPort is not declared by a container of every selected workload.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec || spec.type === 'ExternalName') continue;
      const templates = selectedTemplates(ctx.objects, svc, spec);
      for (const [port, i] of servicePorts(spec)) {
        if (typeof port.targetPort !== 'string') continue;
        const name = port.targetPort;
        for (const t of templates) {
          const declared = t.containers.some((c) => Array.isArray(c.ports) && c.ports.some((p) => p?.name === name));
          if (declared) continue;
          ctx.report(svc, ['spec', 'ports', i, 'targetPort'], `targetPort "${name}" is not declared by any container of ${t.owner.ref}`);
        }
      }
    }
  },
};
