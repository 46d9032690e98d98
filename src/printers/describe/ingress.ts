// kubectl describe ingress (pkg/describe/describe.go describeIngressV1, kubectl 1.32): rules with
// each backend Service's ready endpoints for the port the rule names.
import type { EndpointSlice, KubeObject, Service } from '../../api/types.js';
import { formatEndpointSlices } from './service.js';
import { withEvents, type DescribedEvent } from './events.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';

interface ServiceBackend {
  name?: string;
  port?: { number?: number; name?: string };
}

interface Backend {
  service?: ServiceBackend;
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: Backend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: { host?: string; http?: { paths?: { path?: string; backend: Backend }[] } }[];
}

/** What describe reads beside the Ingress: its namespace's Services and EndpointSlices. */
export interface IngressContext {
  services: Service[];
  slices: EndpointSlice[];
}

/** serviceBackendStringer: `name:port`, the port by number when it has one, else by name. */
const serviceBackendString = (b: ServiceBackend): string => `${b.name ?? ''}:${b.port?.number ? b.port.number : (b.port?.name ?? '')}`;

/** describeBackendV1: the Service backend and its endpoints for the named port, or the resource backend. */
function describeBackend(backend: Backend, ctx: IngressContext, namespace: string): string {
  if (backend.service) {
    const b = backend.service;
    const sb = serviceBackendString(b);
    const svc = ctx.services.find((s) => s.metadata.name === b.name);
    if (!svc) return `${sb} (<error: services "${b.name ?? ''}" not found>)`;
    // The last Service port the backend names (by number, or else by name) gives the port name.
    let portName = '';
    for (const sp of svc.spec.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) portName = sp.name ?? '';
      else if (b.port?.name && b.port.name === sp.name) portName = sp.name ?? '';
    }
    const slices = ctx.slices.filter((s) => s.metadata.namespace === namespace && s.metadata.labels?.['kubernetes.io/service-name'] === b.name);
    return `${sb} (${formatEndpointSlices(slices, portName)})`;
  }
  if (backend.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind ?? ''}, Name: ${r.name ?? ''}`;
  }
  return '';
}

/** ingressLoadBalancerStatusStringerV1, wide: the IPs (else hostnames), sorted and unique. */
function address(ing: KubeObject): string {
  const entries = ((ing.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []);
  const set = new Set(entries.map((e) => e.ip || e.hostname || '').filter(Boolean));
  return [...set].sort().join(',');
}

/** The text of `kubectl describe ingress`. */
export function describeIngress(ing: KubeObject, ctx: IngressContext, events: DescribedEvent[] = [], now: Date = new Date()): string {
  const spec = (ing.spec ?? {}) as IngressSpec;
  const ns = ing.metadata.namespace ?? '';
  let t = `Name:\t${ing.metadata.name}\n`;
  t += labelsMultiline('Labels', ing.metadata.labels);
  t += `Namespace:\t${ns}\nAddress:\t${address(ing)}\n`;
  t += `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`;
  const defaultBackend = spec.defaultBackend ? describeBackend(spec.defaultBackend, ctx, ns) : '<default>';
  t += `Default backend:\t${defaultBackend}\n`;
  if (spec.tls?.length) {
    t += 'TLS:\n';
    for (const tls of spec.tls) {
      const hosts = (tls.hosts ?? []).join(',');
      t += tls.secretName ? `  ${tls.secretName} terminates ${hosts}\n` : `  SNI routes ${hosts}\n`;
    }
  }
  t += 'Rules:\n  Host\tPath\tBackends\n  ----\t----\t--------\n';
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    t += `  ${rule.host || '*'}\t\n`;
    for (const p of rule.http.paths ?? []) t += `    \t${p.path ?? ''} \t${describeBackend(p.backend, ctx, ns)}\n`;
  }
  if (count === 0) t += `  *\t*\t${defaultBackend}\n`;
  t += annotationsMultiline('Annotations', ing.metadata.annotations);
  return withEvents(t, events, now);
}
