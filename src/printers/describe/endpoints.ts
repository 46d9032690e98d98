// kubectl describe endpoints (pkg/describe/describe.go describeEndpoints, kubectl 1.32).
import type { Endpoints } from '../../api/types.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

/** The text of `kubectl describe endpoints`: one block per subset, each followed by a blank line. */
export function describeEndpoints(ep: Endpoints, events: DescribedEvent[] = [], now: Date = new Date()): string {
  let t = `Name:\t${ep.metadata.name}\nNamespace:\t${ep.metadata.namespace ?? ''}\n`;
  t += labelsMultiline('Labels', ep.metadata.labels);
  t += annotationsMultiline('Annotations', ep.metadata.annotations);
  t += 'Subsets:\n';
  for (const sub of ep.subsets ?? []) {
    t += `  Addresses:\t${(sub.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`;
    t += `  NotReadyAddresses:\t${(sub.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`;
    if (sub.ports?.length) {
      t += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
      for (const p of sub.ports) t += `    ${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`;
    }
    t += '\n';
  }
  return withEvents(t, events, now);
}
