// kubectl describe statefulset (pkg/describe/describe.go describeStatefulSet and
// describeVolumeClaimTemplates, kubectl 1.32).
import { formatLabelSelector } from '../../api/labels.js';
import type { KubeObject, Pod } from '../../api/types.js';
import type { StatefulSet } from '../../controllers/statefulset.js';
import { claimClass } from '../columns/core-misc.js';
import { quantityString } from '../columns/common.js';
import { rfc1123z } from './common.js';
import { describePodTemplate } from './containers.js';
import { podPhaseCounts } from './replicaset.js';
import { withEvents, type DescribedEvent } from './events.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';

/** printLabelsMultilineWithIndent with a two-space indent (continuation lines carry it too). */
function indentedMap(title: string, m: Record<string, string> | undefined, format: (k: string, v: string) => string): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return `  ${title}:\t<none>\n`;
  return keys.map((k, i) => `${i ? '  \t' : `  ${title}:\t`}${format(k, m![k])}\n`).join('');
}

/** describeVolumeClaimTemplates: each claim template's name, class, labels, annotations, size and modes. */
function volumeClaims(templates: NonNullable<StatefulSet['spec']['volumeClaimTemplates']>): string {
  if (!templates.length) return 'Volume Claims:\t<none>\n';
  let t = 'Volume Claims:\n';
  for (const pvc of templates) {
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: pvc.metadata ?? {}, spec: pvc.spec } as KubeObject;
    const spec = (pvc.spec ?? {}) as { resources?: { requests?: Record<string, unknown> }; accessModes?: string[] };
    const storage = spec.resources?.requests?.storage;
    t += `  Name:\t${pvc.metadata?.name ?? ''}\n  StorageClass:\t${claimClass(claim)}\n`;
    // Both maps as labels are printed (`k=v`), annotations included.
    t += indentedMap('Labels', pvc.metadata?.labels, (k, v) => `${k}=${v}`);
    t += indentedMap('Annotations', pvc.metadata?.annotations, (k, v) => `${k}=${v}`);
    t += `  Capacity:\t${storage === undefined ? '<default>' : quantityString(storage)}\n`;
    // Go's %s of a []string: `[ReadWriteOnce]`.
    t += `  Access Modes:\t[${(spec.accessModes ?? []).join(' ')}]\n`;
  }
  return t;
}

/** The text of `kubectl describe statefulset`; `pods` are those its selector matches. */
export function describeStatefulSet(set: StatefulSet, pods: Pod[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  const status = (set.status ?? {}) as { replicas?: number };
  const strategy = set.spec.updateStrategy ?? {};
  let t = `Name:\t${set.metadata.name}\nNamespace:\t${set.metadata.namespace ?? ''}\n`;
  t += `CreationTimestamp:\t${rfc1123z(set.metadata.creationTimestamp)}\n`;
  t += `Selector:\t${formatLabelSelector(set.spec.selector)}\n`;
  t += labelsMultiline('Labels', set.metadata.labels);
  t += annotationsMultiline('Annotations', set.metadata.annotations);
  t += `Replicas:\t${set.spec.replicas ?? 1} desired | ${status.replicas ?? 0} total\n`;
  t += `Update Strategy:\t${strategy.type ?? ''}\n`;
  const rolling = strategy.rollingUpdate as { partition?: number; maxUnavailable?: number | string } | undefined;
  if (rolling?.partition !== undefined) {
    t += `  Partition:\t${rolling.partition}\n`;
    if (rolling.maxUnavailable !== undefined) t += `  MaxUnavailable:\t${rolling.maxUnavailable}\n`;
  }
  t += `Pods Status:\t${podPhaseCounts(pods, set.metadata.uid)}\n`;
  t += describePodTemplate(set.spec.template);
  t += volumeClaims(set.spec.volumeClaimTemplates ?? []);
  return withEvents(t, events, now);
}
