// StatefulSet, DaemonSet, ReplicationController, Job and CronJob rows: printers.go
// printStatefulSet, printDaemonSet, printReplicationController, printJob and printCronJob.
// Status fields no simulated controller fills print as their zero values, as for a fresh object.
import type { KubeObject, LabelSelector } from '../../api/types.js';
import { humanDuration, translateTimestampSince } from '../age.js';
import { controllerOf } from '../../api/owners.js';
import { replicaColumns } from './workloads.js';
import { arr, col, formatLabels, formatLabelSelector, int, layoutContainerCells, rec, str, type KindPrinter } from './common.js';

type Containers = { name: string; image?: string }[];

const name = (o: KubeObject): string => o.metadata.name ?? '';
const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);
/** The containers of a pod template (`spec.template` of a workload). */
const templateContainers = (template: unknown): Containers => arr(rec(rec(template).spec).containers) as Containers;
const selectorOf = (v: unknown): LabelSelector | undefined => (v && typeof v === 'object' ? (v as LabelSelector) : undefined);
const labelMap = (v: unknown): Record<string, string> => rec(v) as Record<string, string>;

export const statefulSetPrinter: KindPrinter = {
  columns: [col('Name'), col('Ready'), col('Age'), col('Containers', 1), col('Images', 1)],
  row(o, now) {
    const spec = rec(o.spec);
    const [names, images] = layoutContainerCells(templateContainers(spec.template));
    return [name(o), `${int(rec(o.status).readyReplicas)}/${int(spec.replicas)}`, age(o, now), names, images];
  },
};

/** printControllerRevision: the controller as `<kind>.<group>/<name>` (lower-case kind), or `<none>`. */
export const controllerRevisionPrinter: KindPrinter = {
  columns: [col('Name'), col('Controller'), col('Revision'), col('Age')],
  row(o, now) {
    const ref = controllerOf(o);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [name(o), controller, int((o as { revision?: unknown }).revision), age(o, now)];
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    col('Name'),
    col('Desired'),
    col('Current'),
    col('Ready'),
    col('Up-to-date'),
    col('Available'),
    col('Node Selector'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const [names, images] = layoutContainerCells(templateContainers(spec.template));
    return [
      name(o),
      int(st.desiredNumberScheduled),
      int(st.currentNumberScheduled),
      int(st.numberReady),
      int(st.updatedNumberScheduled),
      int(st.numberAvailable),
      formatLabels(labelMap(rec(rec(spec.template).spec).nodeSelector)),
      age(o, now),
      names,
      images,
      formatLabelSelector(selectorOf(spec.selector)),
    ];
  },
};

export const replicationControllerPrinter: KindPrinter = {
  columns: replicaColumns,
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const [names, images] = layoutContainerCells(templateContainers(spec.template));
    // An RC selector is a plain label map (labels.FormatLabels), not a LabelSelector.
    return [name(o), int(spec.replicas), int(st.replicas), int(st.readyReplicas), age(o, now), names, images, formatLabels(labelMap(spec.selector))];
  },
};

/** hasJobCondition: the first condition of the type decides, true only when its status is True. */
function hasJobCondition(conditions: unknown, type: string): boolean {
  const c = arr(conditions).map(rec).find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

/** printJob's STATUS: finished states first, then Terminating, Suspended, FailureTarget, else Running. */
export function jobStatus(o: KubeObject): string {
  const conds = rec(o.status).conditions;
  if (hasJobCondition(conds, 'Complete')) return 'Complete';
  if (hasJobCondition(conds, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conds, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printJob's COMPLETIONS: `succeeded/completions`, or `succeeded/1` (`of N` when parallelism > 1). */
export function jobCompletions(o: KubeObject): string {
  const spec = rec(o.spec);
  const succeeded = int(rec(o.status).succeeded);
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  const parallelism = int(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION: '' before the job starts, running time until it completes, then start to completion. */
export function jobDuration(o: KubeObject, now: Date): string {
  const st = rec(o.status);
  const start = typeof st.startTime === 'string' ? Date.parse(st.startTime) : Number.NaN;
  if (Number.isNaN(start)) return '';
  const end = typeof st.completionTime === 'string' ? Date.parse(st.completionTime) : Number.NaN;
  return humanDuration(((Number.isNaN(end) ? now.getTime() : end) - start) / 1000);
}

export const jobPrinter: KindPrinter = {
  columns: [
    col('Name'),
    col('Status'),
    col('Completions'),
    col('Duration'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(o, now) {
    const spec = rec(o.spec);
    const [names, images] = layoutContainerCells(templateContainers(spec.template));
    return [name(o), jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now), names, images, formatLabelSelector(selectorOf(spec.selector))];
  },
};

/** printBoolPtr: `True`/`False`, `<unset>` when the field is absent. */
export function boolPtrString(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    col('Name'),
    col('Schedule'),
    col('Timezone'),
    col('Suspend'),
    col('Active'),
    col('Last Schedule'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  row(o, now) {
    const spec = rec(o.spec);
    const st = rec(o.status);
    const jobSpec = rec(rec(spec.jobTemplate).spec);
    const last = typeof st.lastScheduleTime === 'string' ? translateTimestampSince(st.lastScheduleTime, now) : '<none>';
    const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : '<none>';
    const [names, images] = layoutContainerCells(templateContainers(jobSpec.template));
    return [
      name(o),
      str(spec.schedule),
      timeZone,
      boolPtrString(spec.suspend),
      arr(st.active).length,
      last,
      age(o, now),
      names,
      images,
      formatLabelSelector(selectorOf(jobSpec.selector)),
    ];
  },
};
