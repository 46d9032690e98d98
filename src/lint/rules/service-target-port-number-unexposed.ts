// A numeric targetPort no selected container lists: often a typo, though containers need not list ports.
import type { Rule } from '../types.js';
import { selectedTemplates, serviceSpec, servicePorts } from '../services.js';

export const rule: Rule = {
  id: 'service-target-port-number-unexposed',
  severity: 'warning',
  description: 'Numeric targetPort is not a containerPort of any selected container.',
  check(ctx) {
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec || spec.type === 'ExternalName') continue;
      const templates = selectedTemplates(ctx.objects, svc, spec);
      if (templates.length === 0) continue;
      for (const [port, i] of servicePorts(spec)) {
        const target = port.targetPort ?? port.port;
        if (typeof target !== 'number') continue;
        const exposed = templates.some((t) =>
          t.containers.some((c) => Array.isArray(c.ports) && c.ports.some((p) => p?.containerPort === target)),
        );
        if (exposed) continue;
        const path = port.targetPort === undefined ? ['spec', 'ports', i, 'port'] : ['spec', 'ports', i, 'targetPort'];
        const owners = templates.map((t) => t.owner.ref).join(', ');
        ctx.report(svc, path, `targetPort ${target} is not a containerPort of any selected container (${owners})`);
      }
    }
  },
};
