// An Ingress backend naming a Service (or a port of it) the input does not define routes nowhere.
import type { PathSegment } from '../../api/decode.js';
import type { Rule, RuleContext, LintObject } from '../types.js';
import { serviceSpec, servicePorts } from '../services.js';

interface ServiceBackend {
  name?: unknown;
  port?: { number?: unknown; name?: unknown };
}

export const rule: Rule = {
  id: 'ingress-backend-missing',
  severity: 'error',
  description: 'Ingress backend names a Service, or a Service port, that is not defined in the input.',
  check(ctx) {
    for (const ing of ctx.byKind('Ingress')) {
      const spec = (ing.obj as { spec?: Record<string, unknown> }).spec;
      if (!spec || typeof spec !== 'object') continue;
      const def = (spec.defaultBackend as { service?: ServiceBackend } | undefined)?.service;
      if (def) checkBackend(ctx, ing, def, ['spec', 'defaultBackend', 'service']);
      const rules = Array.isArray(spec.rules) ? spec.rules : [];
      rules.forEach((r: { http?: { paths?: unknown } }, ri: number) => {
        const paths = Array.isArray(r?.http?.paths) ? (r.http!.paths as { backend?: { service?: ServiceBackend } }[]) : [];
        paths.forEach((p, pi) => {
          const svc = p?.backend?.service;
          if (svc) checkBackend(ctx, ing, svc, ['spec', 'rules', ri, 'http', 'paths', pi, 'backend', 'service']);
        });
      });
    }
  },
};

function checkBackend(ctx: RuleContext, ing: LintObject, backend: ServiceBackend, path: PathSegment[]): void {
  if (typeof backend.name !== 'string') return;
  const svc = ctx.byKind('Service', ing.namespace).find((s) => s.name === backend.name);
  if (!svc) {
    ctx.report(ing, [...path, 'name'], `backend Service "${backend.name}" is not defined in namespace "${ing.namespace}"`);
    return;
  }
  const spec = serviceSpec(svc);
  const ports = spec ? servicePorts(spec).map(([p]) => p) : [];
  const want = backend.port;
  if (!want) return;
  if (typeof want.number === 'number' && !ports.some((p) => p.port === want.number)) {
    ctx.report(ing, [...path, 'port', 'number'], `backend Service "${backend.name}" has no port ${want.number}`);
  } else if (typeof want.name === 'string' && !ports.some((p) => p.name === want.name)) {
    ctx.report(ing, [...path, 'port', 'name'], `backend Service "${backend.name}" has no port named "${want.name}"`);
  }
}
