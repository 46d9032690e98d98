// kubectl describe daemonset (pkg/describe/describe.go describeDaemonSet, kubectl 1.32).
import { formatLabels, formatLabelSelector } from '../../api/labels.js';
import type { Pod } from '../../api/types.js';
import type { DaemonSet } from '../../controllers/daemonset.js';
import { describePodTemplate } from './containers.js';
import { withEvents, type DescribedEvent } from './events.js';
import { podPhaseCounts } from './replicaset.js';
import { annotationsMultiline, labelsMultiline } from './tabbed.js';

/** The text of `kubectl describe daemonset`; `pods` are those its selector matches. */
export function describeDaemonSet(ds: DaemonSet, pods: Pod[], events: DescribedEvent[] = [], now: Date = new Date()): string {
  const n = (k: string) => Number((ds.status ?? {})[k] ?? 0);
  // kubectl 1.32 prints no Namespace line for a DaemonSet (later versions do).
  let t = `Name:\t${ds.metadata.name}\n`;
  t += `Selector:\t${formatLabelSelector(ds.spec.selector)}\n`;
  t += `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector as Record<string, string> | undefined)}\n`;
  t += labelsMultiline('Labels', ds.metadata.labels);
  t += annotationsMultiline('Annotations', ds.metadata.annotations);
  // These five lines are written with spaces, not tabs: the tabwriter leaves them as they are.
  t += `Desired Number of Nodes Scheduled: ${n('desiredNumberScheduled')}\n`;
  t += `Current Number of Nodes Scheduled: ${n('currentNumberScheduled')}\n`;
  t += `Number of Nodes Scheduled with Up-to-date Pods: ${n('updatedNumberScheduled')}\n`;
  t += `Number of Nodes Scheduled with Available Pods: ${n('numberAvailable')}\n`;
  t += `Number of Nodes Misscheduled: ${n('numberMisscheduled')}\n`;
  t += `Pods Status:\t${podPhaseCounts(pods, ds.metadata.uid)}\n`;
  t += describePodTemplate(ds.spec.template);
  return withEvents(t, events, now);
}
