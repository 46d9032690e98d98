// kubectl describe service (pkg/describe/describe.go describeService, kubectl 1.32).
import { formatLabels } from '../../api/labels.js';
import type { EndpointSlice, Service } from '../../api/types.js';
import { withEvents, type DescribedEvent } from './events.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';

/**
 * formatEndpointSlices: `ip:port` of ready endpoints for the named service port, at most 3 then
 * ` + N more...`; `<none>` when there is no slice, and nothing when the slices hold no ready
 * endpoint for the port.
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === max) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const slice of slices) {
    // Not-ready endpoints are left out; an unknown readiness counts as ready.
    const ready = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false);
    if (!slice.ports?.length) {
      for (const e of ready) add(e.addresses[0]);
      continue;
    }
    for (const p of slice.ports) {
      if ((p.name ?? '') !== (portName ?? '')) continue;
      for (const e of ready) add(joinHostPort(e.addresses[0], p.port));
    }
  }
  if (more) return `${list.join(',')} + ${count - max} more...`;
  return list.join(',');
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The text of `kubectl describe service` for `svc`, the EndpointSlices labelled with its name, and its Events (ages at `now`). */
export function describeService(svc: Service, slices: EndpointSlice[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  const s = svc.spec;
  let t = '';
  t += `Name:\t${svc.metadata.name}\n`;
  t += `Namespace:\t${svc.metadata.namespace ?? ''}\n`;
  t += labelsMultiline('Labels', svc.metadata.labels);
  t += annotationsMultiline('Annotations', svc.metadata.annotations);
  t += `Selector:\t${formatLabels(s.selector)}\n`;
  t += `Type:\t${s.type ?? ''}\n`;
  if (s.ipFamilyPolicy) t += `IP Family Policy:\t${s.ipFamilyPolicy}\n`;
  t += `IP Families:\t${s.ipFamilies?.length ? s.ipFamilies.join(',') : '<none>'}\n`;
  t += `IP:\t${s.clusterIP ?? ''}\n`;
  t += `IPs:\t${s.clusterIPs?.length ? s.clusterIPs.join(',') : '<none>'}\n`;
  if (s.externalIPs?.length) t += `External IPs:\t${s.externalIPs.join(',')}\n`;
  if (s.loadBalancerIP) t += `Desired LoadBalancer IP:\t${s.loadBalancerIP}\n`;
  if (s.externalName) t += `External Name:\t${s.externalName}\n`;
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    t += `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip || i.hostname || '') + (i.ipMode ? ` (${i.ipMode})` : '')).join(', ')}\n`;
  }
  for (const sp of s.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? '';
    t += `Port:\t${name}\t${sp.port}/${protocol}\n`;
    t += `TargetPort:\t${sp.targetPort ?? 0}/${protocol}\n`;
    if (sp.nodePort) t += `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`;
    t += `Endpoints:\t${formatEndpointSlices(slices, sp.name)}\n`;
  }
  t += `Session Affinity:\t${s.sessionAffinity ?? ''}\n`;
  if (s.externalTrafficPolicy) t += `External Traffic Policy:\t${s.externalTrafficPolicy}\n`;
  if (s.internalTrafficPolicy) t += `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`;
  if (s.healthCheckNodePort) t += `HealthCheck NodePort:\t${s.healthCheckNodePort}\n`;
  if (s.loadBalancerSourceRanges?.length) t += `LoadBalancer Source Ranges:\t${s.loadBalancerSourceRanges.join(',')}\n`;
  return withEvents(t, events, now);
}
