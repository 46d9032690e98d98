// kubectl describe endpointslice (pkg/describe/describe.go describeEndpointSliceV1, kubectl 1.32).
import type { EndpointSlice } from '../../api/types.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

/** The text of `kubectl describe endpointslice`. */
export function describeEndpointSlice(eps: EndpointSlice, events: DescribedEvent[] = [], now: Date = new Date()): string {
  let t = `Name:\t${eps.metadata.name}\nNamespace:\t${eps.metadata.namespace ?? ''}\n`;
  t += labelsMultiline('Labels', eps.metadata.labels);
  t += annotationsMultiline('Annotations', eps.metadata.annotations);
  t += `AddressType:\t${eps.addressType}\n`;
  if (!eps.ports?.length) t += 'Ports: <unset>\n';
  else {
    t += 'Ports:\n  Name\tPort\tProtocol\n  ----\t----\t--------\n';
    for (const p of eps.ports) t += `  ${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`;
  }
  if (!eps.endpoints?.length) t += 'Endpoints: <none>\n';
  else {
    t += 'Endpoints:\n';
    for (const e of eps.endpoints) {
      t += `  - Addresses:\t${e.addresses.join(', ') || '<none>'}\n`;
      t += '    Conditions:\n';
      t += `      Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`;
      t += `    Hostname:\t${e.hostname ?? '<unset>'}\n`;
      if (e.targetRef) t += `    TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`;
      t += `    NodeName:\t${e.nodeName ?? '<unset>'}\n`;
      t += `    Zone:\t${e.zone ?? '<unset>'}\n`;
    }
  }
  return withEvents(t, events, now);
}
