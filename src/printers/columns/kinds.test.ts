// Object -> cells for the kinds added after Service/Pod/workloads (every column, as the apiserver
// generates them), and each kind's column definitions as printers.go declares them.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { formatHPAMetrics } from './autoscaling.js';
import { createdAtString } from './created-at.js';
import { tableFor } from './index.js';
import { formatIngressHosts } from './networking.js';

const now = new Date('2025-01-01T00:00:00Z');
const created = '2024-12-31T23:00:00Z'; // 60m before now
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: created, ...extra });
const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, metaExtra: Record<string, unknown> = {}) => ({
  apiVersion,
  kind,
  metadata: meta(name, metaExtra),
  ...rest,
});
const template = (containers: { name: string; image: string }[], extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers, ...extra },
});
const c1 = [{ name: 'web', image: 'nginx:1.27' }];
const c2 = [
  { name: 'web', image: 'nginx:1.27' },
  { name: 'log', image: 'busybox' },
];

interface RowCase {
  name: string;
  obj: Record<string, unknown>;
  cells: unknown[];
}

const cases: RowCase[] = [
  // apps / core workloads
  {
    name: 'StatefulSet as stored (no status)',
    obj: obj('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template(c2) } }),
    cells: ['db', '0/3', '60m', 'web,log', 'nginx:1.27,busybox'],
  },
  {
    name: 'StatefulSet with ready replicas, replicas absent',
    obj: obj('apps/v1', 'StatefulSet', 'db', { spec: { template: template(c1) }, status: { readyReplicas: 2 } }),
    cells: ['db', '2/0', '60m', 'web', 'nginx:1.27'],
  },
  {
    name: 'ControllerRevision of a StatefulSet',
    obj: obj('apps/v1', 'ControllerRevision', 'db-7b8bd45f9f', { revision: 2, data: {} }, {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }],
    }),
    cells: ['db-7b8bd45f9f', 'statefulset.apps/db', 2, '60m'],
  },
  { name: 'ControllerRevision without a controller', obj: obj('apps/v1', 'ControllerRevision', 'lone', { revision: 1 }), cells: ['lone', '<none>', 1, '60m'] },
  {
    name: 'DaemonSet with node selector',
    obj: obj('apps/v1', 'DaemonSet', 'agent', {
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template(c1, { nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } }) },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }),
    cells: ['agent', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '60m', 'web', 'nginx:1.27', 'app=agent'],
  },
  {
    name: 'DaemonSet as stored',
    obj: obj('apps/v1', 'DaemonSet', 'agent', { spec: { selector: { matchLabels: { app: 'agent' } }, template: template(c1) } }),
    cells: ['agent', 0, 0, 0, 0, 0, '<none>', '60m', 'web', 'nginx:1.27', 'app=agent'],
  },
  {
    name: 'ReplicationController (map selector)',
    obj: obj('v1', 'ReplicationController', 'rc', { spec: { replicas: 2, selector: { b: '2', a: '1' }, template: template(c1) }, status: { replicas: 2, readyReplicas: 1 } }),
    cells: ['rc', 2, 2, 1, '60m', 'web', 'nginx:1.27', 'a=1,b=2'],
  },
  {
    name: 'ReplicationController without template or selector',
    obj: obj('v1', 'ReplicationController', 'rc', { spec: { replicas: 1 } }),
    cells: ['rc', 1, 0, 0, '60m', '', '', '<none>'],
  },
  // batch
  {
    name: 'Job as stored: Running, 0/1, no duration',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { template: template(c1, { restartPolicy: 'Never' }) } }),
    cells: ['pi', 'Running', '0/1', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job with completions and parallelism',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { completions: 5, parallelism: 2, template: template(c1) }, status: { succeeded: 3 } }),
    cells: ['pi', 'Running', '3/5', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job with parallelism only, started 90s ago',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { parallelism: 3, template: template(c1) }, status: { startTime: '2024-12-31T23:58:30Z' } }),
    cells: ['pi', 'Running', '0/1 of 3', '90s', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job complete, duration from start to completion, selector',
    obj: obj('batch/v1', 'Job', 'pi', {
      spec: { completions: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, template: template(c1) },
      status: {
        succeeded: 1,
        startTime: '2024-12-31T23:10:00Z',
        completionTime: '2024-12-31T23:12:05Z',
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True' },
          { type: 'Complete', status: 'True' },
        ],
      },
    }),
    cells: ['pi', 'Complete', '1/1', '2m5s', '60m', 'web', 'nginx:1.27', 'batch.kubernetes.io/controller-uid=u1'],
  },
  {
    name: 'Job failed wins over terminating',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { template: template(c1) }, status: { conditions: [{ type: 'Failed', status: 'True' }] } }, { deletionTimestamp: created }),
    cells: ['pi', 'Failed', '0/1', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job terminating',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { template: template(c1) } }, { deletionTimestamp: created }),
    cells: ['pi', 'Terminating', '0/1', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job suspended; a False condition does not count',
    obj: obj('batch/v1', 'Job', 'pi', {
      spec: { template: template(c1) },
      status: {
        conditions: [
          { type: 'Complete', status: 'False' },
          { type: 'Suspended', status: 'True' },
        ],
      },
    }),
    cells: ['pi', 'Suspended', '0/1', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'Job failure target',
    obj: obj('batch/v1', 'Job', 'pi', { spec: { template: template(c1) }, status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }),
    cells: ['pi', 'FailureTarget', '0/1', '', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'CronJob as stored: suspend unset, no time zone, never scheduled',
    obj: obj('batch/v1', 'CronJob', 'nightly', { spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: template(c1) } } } }),
    cells: ['nightly', '0 3 * * *', '<none>', '<unset>', 0, '<none>', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  {
    name: 'CronJob suspended, time zone, active jobs, last schedule',
    obj: obj('batch/v1', 'CronJob', 'nightly', {
      spec: {
        schedule: '*/5 * * * *',
        timeZone: 'Europe/Paris',
        suspend: false,
        jobTemplate: { spec: { selector: { matchLabels: { app: 'x' } }, template: template(c2) } },
      },
      status: { active: [{ name: 'nightly-1' }, { name: 'nightly-2' }], lastScheduleTime: '2024-12-31T23:55:00Z' },
    }),
    cells: ['nightly', '*/5 * * * *', 'Europe/Paris', 'False', 2, '5m', '60m', 'web,log', 'nginx:1.27,busybox', 'app=x'],
  },
  {
    name: 'CronJob suspend true',
    obj: obj('batch/v1', 'CronJob', 'nightly', { spec: { schedule: '@daily', suspend: true, jobTemplate: { spec: { template: template(c1) } } } }),
    cells: ['nightly', '@daily', '<none>', 'True', 0, '<none>', '60m', 'web', 'nginx:1.27', '<none>'],
  },
  // autoscaling
  {
    name: 'HPA as stored: current metrics unknown, no current replicas',
    obj: obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    }),
    cells: ['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', 10, 0, '60m'],
  },
  {
    name: 'HPA without metrics or minReplicas',
    obj: obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', { spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'db' }, maxReplicas: 3 } }),
    cells: ['web', 'StatefulSet/db', '<none>', '<unset>', 3, 0, '60m'],
  },
  // networking
  {
    name: 'Ingress with class, hosts, TLS and an address',
    obj: obj('networking.k8s.io/v1', 'Ingress', 'web', {
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'] }], rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '198.51.100.1' }, { ip: '203.0.113.9' }] } },
    }),
    cells: ['web', 'nginx', 'a.example.com,b.example.com', '198.51.100.1,203.0.113.9,lb.example.com', '80, 443', '60m'],
  },
  {
    name: 'Ingress as stored: no class, a default backend only',
    obj: obj('networking.k8s.io/v1', 'Ingress', 'web', { spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } }),
    cells: ['web', '<none>', '*', '', '80', '60m'],
  },
  {
    name: 'IngressClass with namespaced parameters',
    obj: obj('networking.k8s.io/v1', 'IngressClass', 'nginx', {
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
    }),
    cells: ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '60m'],
  },
  {
    name: 'IngressClass parameters without apiGroup; and none',
    obj: obj('networking.k8s.io/v1', 'IngressClass', 'nginx', { spec: { controller: 'c', parameters: { kind: 'ConfigMap', name: 'cfg' } } }),
    cells: ['nginx', 'c', 'ConfigMap/cfg', '60m'],
  },
  {
    name: 'IngressClass without parameters',
    obj: obj('networking.k8s.io/v1', 'IngressClass', 'nginx', { spec: { controller: 'c' } }),
    cells: ['nginx', 'c', '<none>', '60m'],
  },
  {
    name: 'NetworkPolicy with an empty pod selector',
    obj: obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', { spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
    cells: ['deny-all', '<none>', '60m'],
  },
  {
    name: 'NetworkPolicy with labels and expressions',
    obj: obj('networking.k8s.io/v1', 'NetworkPolicy', 'np', {
      spec: { podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] } },
    }),
    cells: ['np', 'env in (dev,prod),role=db', '60m'],
  },
  // storage
  {
    name: 'PersistentVolume bound, annotated class',
    obj: obj(
      'v1',
      'PersistentVolume',
      'pv1',
      {
        spec: {
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'fast',
          claimRef: { namespace: 'default', name: 'data' },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
      { namespace: undefined, annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } },
    ),
    cells: ['pv1', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'slow', '<unset>', '', '60m', 'Filesystem'],
  },
  {
    name: 'PersistentVolume as stored: no capacity, no status, terminating',
    obj: obj('v1', 'PersistentVolume', 'pv2', { spec: { hostPath: { path: '/data' }, volumeAttributesClassName: 'gold' }, status: { reason: 'x' } }, { deletionTimestamp: created }),
    cells: ['pv2', '0', '', '', 'Terminating', '', '', 'gold', 'x', '60m', '<unset>'],
  },
  {
    name: 'StorageClass default, fields absent take their defaults',
    obj: obj('storage.k8s.io/v1', 'StorageClass', 'standard', { provisioner: 'rancher.io/local-path' }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    cells: ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '60m'],
  },
  {
    name: 'StorageClass with every field; beta default annotation other than "true"',
    obj: obj(
      'storage.k8s.io/v1',
      'StorageClass',
      'fast',
      { provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'yes' } },
    ),
    cells: ['fast', 'ebs.csi.aws.com', 'Retain', 'WaitForFirstConsumer', true, '60m'],
  },
  // policy, coordination, scheduling
  {
    name: 'PodDisruptionBudget with minAvailable int',
    obj: obj('policy/v1', 'PodDisruptionBudget', 'pdb', { spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } }),
    cells: ['pdb', '2', 'N/A', 0, '60m'],
  },
  {
    name: 'PodDisruptionBudget with maxUnavailable percent and allowed disruptions',
    obj: obj('policy/v1', 'PodDisruptionBudget', 'pdb', { spec: { maxUnavailable: '25%' }, status: { disruptionsAllowed: 1 } }),
    cells: ['pdb', 'N/A', '25%', 1, '60m'],
  },
  {
    name: 'Lease with holder',
    obj: obj('coordination.k8s.io/v1', 'Lease', 'leader', { spec: { holderIdentity: 'node-1_abc', leaseDurationSeconds: 15 } }),
    cells: ['leader', 'node-1_abc', '60m'],
  },
  { name: 'Lease without holder', obj: obj('coordination.k8s.io/v1', 'Lease', 'leader', { spec: {} }), cells: ['leader', '', '60m'] },
  {
    name: 'PriorityClass',
    obj: obj('scheduling.k8s.io/v1', 'PriorityClass', 'high', { value: 1000000, globalDefault: true, preemptionPolicy: 'Never' }),
    cells: ['high', 1000000, true, '60m', 'Never'],
  },
  {
    name: 'PriorityClass as stored without globalDefault or policy',
    obj: obj('scheduling.k8s.io/v1', 'PriorityClass', 'low', { value: -5 }),
    cells: ['low', -5, false, '60m', ''],
  },
  // rbac
  {
    name: 'RoleBinding with every subject kind',
    obj: obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rb', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
        { kind: 'Group', name: 'devs' },
        { kind: 'User', name: 'bob' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'default' },
      ],
    }),
    cells: ['rb', 'Role/reader', '60m', 'alice, bob', 'devs', 'kube-system/default, default/ci'],
  },
  {
    name: 'ClusterRoleBinding without subjects',
    obj: obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'crb', { roleRef: { kind: 'ClusterRole', name: 'view' } }, { namespace: undefined }),
    cells: ['crb', 'ClusterRole/view', '60m', '', '', ''],
  },
  {
    name: 'Role: default table, RFC 3339 creation time',
    obj: obj('rbac.authorization.k8s.io/v1', 'Role', 'reader', { rules: [] }),
    cells: ['reader', '2024-12-31T23:00:00Z'],
  },
  {
    name: 'ClusterRole with fractional creation time in another zone',
    obj: obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'view', {}, { creationTimestamp: '2025-01-01T02:30:00.987+02:00' }),
    cells: ['view', '2025-01-01T00:30:00Z'],
  },
  {
    name: 'CustomResourceDefinition',
    obj: obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', { spec: { group: 'example.com' } }),
    cells: ['widgets.example.com', '2024-12-31T23:00:00Z'],
  },
  // core
  {
    name: 'ServiceAccount counts secrets',
    obj: obj('v1', 'ServiceAccount', 'builder', { secrets: [{ name: 'a' }, { name: 'b' }] }),
    cells: ['builder', 2, '60m'],
  },
  { name: 'ServiceAccount without secrets', obj: obj('v1', 'ServiceAccount', 'default'), cells: ['default', 0, '60m'] },
];

describe('rows', () => {
  it.each(cases)('$name', ({ obj: o, cells }) => {
    const k = o as unknown as KubeObject;
    const printer = tableFor(k.kind);
    const row = printer.row(k, now);
    expect(row).toEqual(cells);
    expect(row).toHaveLength(printer.columns.length);
  });
});

// Header lines as printers.go defines them; `*` marks priority 1 (shown only with -o wide).
const columnCases = [
  { kind: 'StatefulSet', cols: 'Name Ready Age *Containers *Images' },
  { kind: 'ControllerRevision', cols: 'Name Controller Revision Age' },
  { kind: 'DaemonSet', cols: 'Name Desired Current Ready Up-to-date Available Node_Selector Age *Containers *Images *Selector' },
  { kind: 'ReplicationController', cols: 'Name Desired Current Ready Age *Containers *Images *Selector' },
  { kind: 'Job', cols: 'Name Status Completions Duration Age *Containers *Images *Selector' },
  { kind: 'CronJob', cols: 'Name Schedule Timezone Suspend Active Last_Schedule Age *Containers *Images *Selector' },
  { kind: 'HorizontalPodAutoscaler', cols: 'Name Reference Targets MinPods MaxPods Replicas Age' },
  { kind: 'Ingress', cols: 'Name Class Hosts Address Ports Age' },
  { kind: 'IngressClass', cols: 'Name Controller Parameters Age' },
  { kind: 'NetworkPolicy', cols: 'Name Pod-Selector Age' },
  { kind: 'PersistentVolume', cols: 'Name Capacity Access_Modes Reclaim_Policy Status Claim StorageClass VolumeAttributesClass Reason Age *VolumeMode' },
  { kind: 'StorageClass', cols: 'Name Provisioner ReclaimPolicy VolumeBindingMode AllowVolumeExpansion Age' },
  { kind: 'PodDisruptionBudget', cols: 'Name Min_Available Max_Unavailable Allowed_Disruptions Age' },
  { kind: 'Role', cols: 'Name Created_At' },
  { kind: 'ClusterRole', cols: 'Name Created_At' },
  { kind: 'RoleBinding', cols: 'Name Role Age *Users *Groups *ServiceAccounts' },
  { kind: 'ClusterRoleBinding', cols: 'Name Role Age *Users *Groups *ServiceAccounts' },
  { kind: 'ServiceAccount', cols: 'Name Secrets Age' },
  { kind: 'Lease', cols: 'Name Holder Age' },
  { kind: 'PriorityClass', cols: 'Name Value Global-Default Age PreemptionPolicy' },
  { kind: 'CustomResourceDefinition', cols: 'Name Created_At' },
];

describe('column definitions', () => {
  it.each(columnCases.map((c) => ({ ...c, name: c.kind })))('$name', ({ kind, cols }) => {
    const got = tableFor(kind)
      .columns.map((c) => `${c.priority ? '*' : ''}${c.name.replaceAll(' ', '_')}`)
      .join(' ');
    expect(got).toBe(cols);
  });
});

describe('formatHPAMetrics', () => {
  const res = (name: string, target: Record<string, unknown>) => ({ type: 'Resource', resource: { name, target } });
  it.each([
    { name: 'no metrics', specs: [], statuses: [], out: '<none>' },
    { name: 'utilization with current', specs: [res('cpu', { type: 'Utilization', averageUtilization: 80 })], statuses: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }], out: 'cpu: 12%/80%' },
    { name: 'utilization without a target value', specs: [res('memory', { type: 'Utilization' })], statuses: [], out: 'memory: <unknown>/<auto>' },
    { name: 'average value', specs: [res('memory', { type: 'AverageValue', averageValue: '500Mi' })], statuses: [{ resource: { current: { averageValue: '100Mi' } } }], out: 'memory: 100Mi/500Mi' },
    {
      name: 'pods, object (avg), external (value) and the third cut',
      specs: [
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'AverageValue', averageValue: 10 } } },
        { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: 30 } } },
      ],
      statuses: [],
      out: '<unknown>/1k, <unknown>/10 (avg) + 1 more...',
    },
    {
      name: 'external with a current value, container resource, unknown type',
      specs: [
        { type: 'External', external: { target: { type: 'Value', value: 30 } } },
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
      ],
      statuses: [{ type: 'External', external: { current: { value: 7 } } }],
      out: '7/30, cpu: <unknown>/60%',
    },
    { name: 'unknown type', specs: [{ type: 'Bogus' }], statuses: [], out: '<unknown type>' },
  ])('$name', ({ specs, statuses, out }) => {
    expect(formatHPAMetrics(specs, statuses)).toBe(out);
  });
});

describe('formatIngressHosts', () => {
  it.each([
    { name: 'no rules', rules: [], out: '*' },
    { name: 'rules without hosts', rules: [{}, { host: '' }], out: '*' },
    { name: 'three', rules: [{ host: 'a' }, { host: 'b' }, { host: 'c' }], out: 'a,b,c' },
    { name: 'five: the extra count is rules minus three', rules: [{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, {}], out: 'a,b,c + 2 more...' },
    { name: 'empty hosts skipped before the cut', rules: [{}, { host: 'a' }, { host: 'b' }, { host: 'c' }], out: 'a,b,c' },
  ])('$name', ({ rules, out }) => {
    expect(formatIngressHosts(rules)).toBe(out);
  });
});

describe('createdAtString', () => {
  it.each([
    { name: 'UTC', ts: '2025-03-04T05:06:07Z', out: '2025-03-04T05:06:07Z' },
    { name: 'fraction truncated', ts: '2025-03-04T05:06:07.999Z', out: '2025-03-04T05:06:07Z' },
    { name: 'absent is the zero time', ts: undefined, out: '0001-01-01T00:00:00Z' },
  ])('$name', ({ ts, out }) => {
    expect(createdAtString(ts)).toBe(out);
  });
});
