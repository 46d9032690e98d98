// batch/v1 defaulting (pkg/apis/batch/v1/defaults.go SetDefaults_Job, SetDefaults_CronJob) and
// the selector the Job strategy's PrepareForCreate generates (pkg/registry/batch/job/strategy.go).
import type { KubeObject } from '../types.js';
import { defaultPodTemplateSpec } from './pod.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const unset = (v: unknown): boolean => v === undefined || v === null;

/** batch.ControllerUidLabel and friends: the labels generateSelector puts on a Job's template. */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
const INT32_MAX = 2147483647;

type Template = Parameters<typeof defaultPodTemplateSpec>[0];

// SetDefaults_Job on a JobSpec; `meta` gets the template's labels when it has none.
function defaultJobSpec(s: Obj, meta: Obj | undefined): void {
  if (unset(s.completions) && unset(s.parallelism)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (unset(s.parallelism)) s.parallelism = 1;
  if (unset(s.backoffLimit)) s.backoffLimit = unset(s.backoffLimitPerIndex) ? 6 : INT32_MAX;
  const labels = isObj(s.template) && isObj(s.template.metadata) ? s.template.metadata.labels : undefined;
  if (meta && isObj(labels) && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...labels };
  if (unset(s.completionMode)) s.completionMode = 'NonIndexed';
  if (unset(s.suspend)) s.suspend = false;
  if (isObj(s.podFailurePolicy)) {
    for (const rule of Array.isArray(s.podFailurePolicy.rules) ? s.podFailurePolicy.rules : []) {
      if (!isObj(rule) || !Array.isArray(rule.onPodConditions)) continue;
      for (const p of rule.onPodConditions) if (isObj(p) && !p.status) p.status = 'True';
    }
  }
  // JobPodReplacementPolicy is on by default in 1.33.
  if (unset(s.podReplacementPolicy)) s.podReplacementPolicy = isObj(s.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  if (unset(s.manualSelector)) s.manualSelector = false;
  defaultPodTemplateSpec(s.template as Template);
}

/**
 * SetDefaults_Job, in place: completions and parallelism 1 (completions only when both are
 * unset), backoffLimit 6 (int32 max with backoffLimitPerIndex), metadata.labels from the
 * template when empty, completionMode NonIndexed, suspend false, podFailurePolicy condition
 * status True, podReplacementPolicy TerminatingOrFailed (Failed with a podFailurePolicy),
 * manualSelector false; then the template.
 */
export function defaultJob(job: KubeObject): void {
  defaultJobSpec(isObj(job.spec) ? job.spec : (job.spec = {}) as Obj, job.metadata as Obj);
}

/**
 * generateSelectorIfNeeded (Job PrepareForCreate), in place, after defaulting and once the uid is
 * set: unless manualSelector, the template gets job-name / batch.kubernetes.io/job-name = name and
 * controller-uid / batch.kubernetes.io/controller-uid = uid (labels the user set are kept), and
 * the selector matchLabels gets batch.kubernetes.io/controller-uid = uid.
 */
export function generateJobSelector(job: KubeObject): void {
  const s = isObj(job.spec) ? job.spec : (job.spec = {}) as Obj;
  if (s.manualSelector === true) return;
  const tmpl = isObj(s.template) ? s.template : (s.template = {});
  const meta = isObj(tmpl.metadata) ? tmpl.metadata : (tmpl.metadata = {});
  const labels = isObj(meta.labels) ? meta.labels : (meta.labels = {});
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_JOB_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  const sel = isObj(s.selector) ? s.selector : (s.selector = {});
  const ml = isObj(sel.matchLabels) ? sel.matchLabels : (sel.matchLabels = {});
  if (!(JOB_CONTROLLER_UID_LABEL in ml)) ml[JOB_CONTROLLER_UID_LABEL] = uid;
}

/**
 * SetDefaults_CronJob, in place: concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1; then the jobTemplate's JobSpec
 * (SetDefaults_Job is registered for the Job type only, so the jobTemplate gets no
 * Job-level defaults except its pod template's) and `jobTemplate.metadata: {creationTimestamp: null}`.
 */
export function defaultCronJob(cj: KubeObject): void {
  const s = isObj(cj.spec) ? cj.spec : (cj.spec = {}) as Obj;
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  if (unset(s.suspend)) s.suspend = false;
  if (unset(s.successfulJobsHistoryLimit)) s.successfulJobsHistoryLimit = 3;
  if (unset(s.failedJobsHistoryLimit)) s.failedJobsHistoryLimit = 1;
  if (isObj(s.jobTemplate)) {
    const jt = s.jobTemplate;
    const meta = isObj(jt.metadata) ? jt.metadata : (jt.metadata = {}) as Obj;
    if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    const js = isObj(jt.spec) ? jt.spec : (jt.spec = {}) as Obj;
    defaultPodTemplateSpec(js.template as Template);
  }
}
