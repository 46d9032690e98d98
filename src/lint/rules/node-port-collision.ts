// Two Services asking for one node port: the second is refused (`provided port is already allocated`).
import type { Rule, LintObject } from '../types.js';
import { serviceSpec, servicePorts } from '../services.js';

export const rule: Rule = {
  id: 'node-port-collision',
  severity: 'error',
  description: 'The same nodePort is requested by more than one Service.',
  check(ctx) {
    const byPort = new Map<number, { svc: LintObject; index: number }[]>();
    for (const svc of ctx.byKind('Service')) {
      const spec = serviceSpec(svc);
      if (!spec) continue;
      // One Service may use a node port for both TCP and UDP: count each Service once per port.
      const seen = new Set<number>();
      for (const [port, i] of servicePorts(spec)) {
        if (typeof port.nodePort !== 'number' || port.nodePort === 0 || seen.has(port.nodePort)) continue;
        seen.add(port.nodePort);
        const list = byPort.get(port.nodePort) ?? [];
        list.push({ svc, index: i });
        byPort.set(port.nodePort, list);
      }
    }
    for (const [nodePort, uses] of byPort) {
      if (uses.length < 2) continue;
      for (const u of uses) {
        const others = uses
          .filter((o) => o !== u)
          .map((o) => `${o.svc.ref} (${o.svc.doc.file}:${o.svc.doc.locate(['spec', 'ports', o.index, 'nodePort'])?.line ?? o.svc.doc.line})`);
        ctx.report(u.svc, ['spec', 'ports', u.index, 'nodePort'], `nodePort ${nodePort} is also requested by ${others.join(', ')}`);
      }
    }
  },
};
