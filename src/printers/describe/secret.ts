// kubectl describe secret and configmap (pkg/describe/describe.go describeSecret and
// ConfigMapDescriber, kubectl 1.32). A Secret's values are never shown, only their sizes.
import type { KubeObject } from '../../api/types.js';
import { withEvents, type DescribedEvent } from './events.js';
import { annotationsMultiline, labelsMultiline, tabbed } from './tabbed.js';

const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** Map keys in sorted order (kubectl ranges over a Go map: its order differs run to run). */
const sortedEntries = (m: unknown): [string, string][] =>
  Object.entries((m ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function header(o: KubeObject): string {
  let t = `Name:\t${o.metadata.name}\nNamespace:\t${o.metadata.namespace ?? ''}\n`;
  t += labelsMultiline('Labels', o.metadata.labels);
  t += annotationsMultiline('Annotations', o.metadata.annotations);
  return t;
}

/** The text of `kubectl describe secret`: each key's size in bytes (a service account token's token itself); no Events. */
export function describeSecret(secret: KubeObject): string {
  const type = String((secret as { type?: string }).type ?? '');
  let t = `${header(secret)}\nType:\t${type}\n\nData\n====\n`;
  for (const [k, v] of sortedEntries((secret as { data?: unknown }).data)) {
    const bytes = Buffer.from(v, 'base64');
    t += k === 'token' && type === SERVICE_ACCOUNT_TOKEN_TYPE ? `${k}:\t${bytes.toString('utf8')}\n` : `${k}:\t${bytes.length} bytes\n`;
  }
  return tabbed(t);
}

/** The text of `kubectl describe configmap`: each value in full, binary values by size, then Events. */
export function describeConfigMap(cm: KubeObject, events: DescribedEvent[] = [], now: Date = new Date()): string {
  let t = `${header(cm)}\nData\n====\n`;
  for (const [k, v] of sortedEntries((cm as { data?: unknown }).data)) t += `${k}:\n----\n${v}\n\n`;
  t += '\nBinaryData\n====\n';
  for (const [k, v] of sortedEntries((cm as { binaryData?: unknown }).binaryData)) t += `${k}: ${Buffer.from(v, 'base64').length} bytes\n`;
  return withEvents(`${t}\n`, events, now);
}
