// kubectl describe replicaset (pkg/describe/describe.go describeReplicaSet, kubectl 1.32).
import { formatLabelSelector } from '../../api/labels.js';
import { controllerOf } from '../../api/owners.js';
import type { Pod, ReplicaSet } from '../../api/types.js';
import { controlledBy } from './common.js';
import { describePodTemplate } from './containers.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';
import { withEvents, type DescribedEvent } from './events.js';

/**
 * getPodStatusForController's counts over `pods` (already selected by the RS selector): only pods
 * whose controller reference has the RS's uid count; Pending counts as Waiting.
 */
export function podPhaseCounts(pods: Pod[], uid: string | undefined): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) {
    const ref = controllerOf(p);
    if (!ref || ref.uid !== uid) continue;
    const phase = p.status?.phase ?? '';
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

type Condition = { type: string; status: string; reason?: string };

/** The text of `kubectl describe replicaset`; `pods` are those its selector matches. */
export function describeReplicaSet(rs: ReplicaSet, pods: Pod[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  const status = (rs.status ?? {}) as { replicas?: number; conditions?: Condition[] };
  let t = `Name:\t${rs.metadata.name}\nNamespace:\t${rs.metadata.namespace ?? ''}\n`;
  t += `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`;
  t += labelsMultiline('Labels', rs.metadata.labels);
  t += annotationsMultiline('Annotations', rs.metadata.annotations);
  const owner = controlledBy(rs);
  if (owner) t += `Controlled By:\t${owner}\n`;
  t += `Replicas:\t${status.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`;
  t += `Pods Status:\t${podPhaseCounts(pods, rs.metadata.uid)}\n`;
  t += describePodTemplate(rs.spec.template);
  if (status.conditions?.length) {
    t += 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n';
    for (const c of status.conditions) t += `  ${c.type} \t${c.status}\t${c.reason ?? ''}\n`;
  }
  return withEvents(t, events, now);
}
