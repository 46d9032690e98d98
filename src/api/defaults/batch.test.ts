import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { defaultCronJob, defaultJob, generateJobSelector } from './batch.js';

const tmplIn = () => ({ spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } });
const podSpecOut = {
  dnsPolicy: 'ClusterFirst', restartPolicy: 'Never', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
  containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
};
const JOB_DEFAULTS = { backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false };
const job = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', ...meta }, spec });

describe('defaultJob', () => {
  const cases: { name: string; in: KubeObject; want: KubeObject }[] = [
    {
      name: 'neither completions nor parallelism: both 1',
      in: job({ template: tmplIn() }),
      want: job({ completions: 1, parallelism: 1, ...JOB_DEFAULTS, template: { metadata: { creationTimestamp: null }, spec: podSpecOut } }),
    },
    {
      name: 'completions only: parallelism 1, completions kept',
      in: job({ completions: 5, template: tmplIn() }),
      want: job({ completions: 5, parallelism: 1, ...JOB_DEFAULTS, template: { metadata: { creationTimestamp: null }, spec: podSpecOut } }),
    },
    {
      name: 'parallelism only: completions stay unset',
      in: job({ parallelism: 3, template: tmplIn() }),
      want: job({ parallelism: 3, ...JOB_DEFAULTS, template: { metadata: { creationTimestamp: null }, spec: podSpecOut } }),
    },
    {
      name: 'backoffLimitPerIndex: backoffLimit int32 max; podFailurePolicy: Failed and status True',
      in: job({ backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 2, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }, template: tmplIn() }),
      want: job({
        backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 2, parallelism: 1, backoffLimit: 2147483647, suspend: false,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        podReplacementPolicy: 'Failed', manualSelector: false, template: { metadata: { creationTimestamp: null }, spec: podSpecOut },
      }),
    },
    {
      name: 'labels from the template when the Job has none',
      in: job({ template: { metadata: { labels: { app: 'pi' } }, ...tmplIn() } }),
      want: job({ completions: 1, parallelism: 1, ...JOB_DEFAULTS, template: { metadata: { labels: { app: 'pi' }, creationTimestamp: null }, spec: podSpecOut } }, { labels: { app: 'pi' } }),
    },
  ];
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    defaultJob(x);
    expect(x).toEqual(c.want);
  });
});

describe('generateJobSelector', () => {
  const cases: { name: string; in: KubeObject; want: Record<string, unknown> }[] = [
    {
      name: 'adds the four template labels and the controller-uid selector',
      in: job({ manualSelector: false, template: { metadata: { labels: { app: 'pi' } } } }, { uid: 'u-1' }),
      want: {
        manualSelector: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
        template: { metadata: { labels: { app: 'pi', 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi' } } },
      },
    },
    {
      name: 'keeps labels the user set',
      in: job({ manualSelector: false, template: { metadata: { labels: { 'job-name': 'mine' } } } }, { uid: 'u-1' }),
      want: {
        manualSelector: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
        template: { metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'mine' } } },
      },
    },
    {
      name: 'manualSelector: nothing generated',
      in: job({ manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } }, { uid: 'u-1' }),
      want: { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } },
    },
  ];
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    generateJobSelector(x);
    expect(x.spec).toEqual(c.want);
  });
});

describe('defaultCronJob', () => {
  const cj = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec });
  const cases: { name: string; in: KubeObject; want: KubeObject }[] = [
    {
      name: 'policy, suspend, history limits; jobTemplate gets only its pod template defaults',
      in: cj({ schedule: '* * * * *', jobTemplate: { spec: { template: tmplIn() } } }),
      want: cj({
        schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: podSpecOut } } },
      }),
    },
    {
      name: 'given values kept',
      in: cj({ schedule: '@daily', concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 }),
      want: cj({ schedule: '@daily', concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 }),
    },
  ];
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    defaultCronJob(x);
    expect(x).toEqual(c.want);
  });
});
