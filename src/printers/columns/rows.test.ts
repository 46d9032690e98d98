// Object -> cells, per kind (every column, as the apiserver generates them).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { formatLabelSelector, labelSelectorString } from './common.js';
import { tableFor } from './index.js';

const now = new Date('2025-01-01T00:00:00Z');
const created = '2024-12-31T23:00:00Z'; // 60m before now
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  creationTimestamp: created,
  ...extra,
});

interface RowCase {
  name: string;
  obj: Record<string, unknown>;
  cells: unknown[];
}

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('web'),
  spec,
  status,
});

const serviceCases: RowCase[] = [
  {
    name: 'ClusterIP with selector',
    obj: svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web', tier: 'fe' } }),
    cells: ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '60m', 'app=web,tier=fe'],
  },
  {
    name: 'ClusterIP with externalIPs and two ports',
    obj: svc({
      type: 'ClusterIP',
      clusterIPs: ['10.96.0.10'],
      externalIPs: ['1.2.3.4', '5.6.7.8'],
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    }),
    cells: ['web', 'ClusterIP', '10.96.0.10', '1.2.3.4,5.6.7.8', '80/TCP,53/UDP', '60m', '<none>'],
  },
  {
    name: 'NodePort',
    obj: svc({ type: 'NodePort', clusterIPs: ['10.96.0.11'], ports: [{ port: 80, nodePort: 31790, protocol: 'TCP' }], selector: { app: 'web' } }),
    cells: ['web', 'NodePort', '10.96.0.11', '<none>', '80:31790/TCP', '60m', 'app=web'],
  },
  {
    name: 'LoadBalancer pending',
    obj: svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }] }),
    cells: ['web', 'LoadBalancer', '10.96.0.12', '<pending>', '80:30001/TCP', '60m', '<none>'],
  },
  {
    name: 'LoadBalancer ingress sorted and de-duplicated, hostname when no ip, then externalIPs',
    obj: svc(
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], externalIPs: ['9.9.9.9'], ports: [{ port: 443, protocol: 'TCP' }] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }, { ip: '198.51.100.1' }] } },
    ),
    cells: ['web', 'LoadBalancer', '10.96.0.12', '198.51.100.1,203.0.113.9,lb.example.com,9.9.9.9', '443/TCP', '60m', '<none>'],
  },
  {
    name: 'ExternalName',
    obj: svc({ type: 'ExternalName', externalName: 'db.example.com' }),
    cells: ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
  },
  {
    name: 'headless',
    obj: svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }], selector: { app: 'db' } }),
    cells: ['web', 'ClusterIP', 'None', '<none>', '5432/TCP', '60m', 'app=db'],
  },
  {
    name: 'no creationTimestamp',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'] } },
    cells: ['x', 'ClusterIP', '10.96.0.1', '<none>', '<none>', '<unknown>', '<none>'],
  },
];

const ep = (subsets: unknown[]) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: meta('web'), subsets });
const endpointsCases: RowCase[] = [
  { name: 'no subsets', obj: ep([]), cells: ['web', '<none>', '60m'] },
  {
    name: 'three fit exactly',
    obj: ep([{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.5' }, { ip: '10.244.3.5' }], ports: [{ port: 3306 }] }]),
    cells: ['web', '10.244.1.5:3306,10.244.2.5:3306,10.244.3.5:3306', '60m'],
  },
  {
    name: 'more than three',
    obj: ep([
      { addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.5' }], ports: [{ port: 80 }, { port: 443 }] },
      { addresses: [{ ip: '10.244.3.5' }], ports: [{ port: 8080 }] },
    ]),
    cells: ['web', '10.244.1.5:80,10.244.2.5:80,10.244.1.5:443 + 2 more...', '60m'],
  },
  {
    name: 'headless subset without ports, notReady ignored',
    obj: ep([{ addresses: [{ ip: '10.244.1.5' }], notReadyAddresses: [{ ip: '10.244.1.6' }] }]),
    cells: ['web', '10.244.1.5', '60m'],
  },
  { name: 'only not-ready addresses', obj: ep([{ notReadyAddresses: [{ ip: '10.244.1.6' }], ports: [{ port: 80 }] }]), cells: ['web', '', '60m'] },
];

const slice = (extra: Record<string, unknown>) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: meta('web-abc12'),
  addressType: 'IPv4',
  ...extra,
});
const sliceCases: RowCase[] = [
  { name: 'empty slice', obj: slice({ endpoints: [], ports: null }), cells: ['web-abc12', 'IPv4', '<unset>', '<unset>', '60m'] },
  {
    name: 'ports and endpoints with more',
    obj: slice({
      ports: [{ port: 80 }, { name: 'https' }, {}, { port: 9090 }],
      endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.5'] }, { addresses: ['10.244.3.5'] }, { addresses: ['10.244.4.5'] }],
    }),
    cells: ['web-abc12', 'IPv4', '80,https,* + 1 more...', '10.244.1.5,10.244.2.5,10.244.3.5 + 1 more...', '60m'],
  },
];

const running = { running: { startedAt: '2024-12-31T23:00:05Z' } };
const pod = (spec: Record<string, unknown>, status: Record<string, unknown>, metaExtra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('web-7d4b9c8f6d-x2x9k', metaExtra),
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
  status,
});
const podCases: RowCase[] = [
  {
    name: 'running and ready',
    obj: pod(
      { nodeName: 'node-1' },
      { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] },
    ),
    cells: ['web-7d4b9c8f6d-x2x9k', '1/1', 'Running', '0', '60m', '10.244.1.5', 'node-1', '<none>', '<none>'],
  },
  {
    name: 'running not ready, restarted 5m ago',
    obj: pod(
      { nodeName: 'node-2', containers: [{ name: 'a' }, { name: 'b' }] },
      {
        phase: 'Running',
        podIPs: [{ ip: '10.244.2.7' }],
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 2, state: running, lastState: { terminated: { exitCode: 1, finishedAt: '2024-12-31T23:55:00Z' } } },
          { name: 'b', ready: true, restartCount: 1, state: running },
        ],
      },
    ),
    cells: ['web-7d4b9c8f6d-x2x9k', '1/2', 'Running', '3 (5m ago)', '60m', '10.244.2.7', 'node-2', '<none>', '<none>'],
  },
  {
    name: 'pending, unscheduled',
    obj: pod({}, { phase: 'Pending' }),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'Pending', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'waiting reason wins',
    obj: pod({}, { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'ContainerCreating', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'terminated without reason -> ExitCode',
    obj: pod({}, { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137 } } }] }),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'ExitCode:137', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'init container in progress',
    obj: pod(
      { initContainers: [{ name: 'init1' }, { name: 'init2' }] },
      { phase: 'Pending', initContainerStatuses: [{ name: 'init1', state: { terminated: { exitCode: 0 } } }, { name: 'init2', state: { running: {} } }] },
    ),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'Init:1/2', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'terminating',
    obj: pod({ nodeName: 'node-1' }, { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }] }, { deletionTimestamp: '2025-01-01T00:00:00Z' }),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'Terminating', '0', '60m', '10.244.1.5', 'node-1', '<none>', '<none>'],
  },
  {
    name: 'readiness gates and nominated node',
    obj: pod(
      { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/other' }] },
      { phase: 'Pending', nominatedNodeName: 'node-3', conditions: [{ type: 'example.com/lb', status: 'True' }] },
    ),
    cells: ['web-7d4b9c8f6d-x2x9k', '0/1', 'Pending', '0', '60m', '<none>', '<none>', 'node-3', '1/2'],
  },
];

const node = (labels: Record<string, string>, status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1', creationTimestamp: created, labels },
  spec,
  status,
});
const nodeCases: RowCase[] = [
  {
    name: 'ready control-plane',
    obj: node(
      { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' },
      {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }],
        nodeInfo: { kubeletVersion: 'v1.33.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.0.3' },
      },
    ),
    cells: ['node-1', 'Ready', 'control-plane,master', '60m', 'v1.33.0', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0', 'containerd://2.0.3'],
  },
  {
    name: 'not ready, cordoned, no info',
    obj: node({}, { conditions: [{ type: 'Ready', status: 'False' }] }, { unschedulable: true }),
    cells: ['node-1', 'NotReady,SchedulingDisabled', '<none>', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
  { name: 'no conditions', obj: node({}, {}), cells: ['node-1', 'Unknown', '<none>', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'] },
];

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } };
const workloadCases: RowCase[] = [
  {
    name: 'deployment',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    },
    cells: ['web', '2/3', 3, 2, '60m', 'app,side', 'nginx:1.27,busybox', 'app=web,env in (dev,prod)'],
  },
  {
    name: 'deployment without status',
    obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template } },
    cells: ['web', '0/1', 0, 0, '60m', 'app,side', 'nginx:1.27,busybox', 'app=web'],
  },
  {
    name: 'replicaset',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta('web-7d4b9c8f6d'),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    },
    cells: ['web-7d4b9c8f6d', 3, 3, 1, '60m', 'app,side', 'nginx:1.27,busybox', 'app=web,pod-template-hash=7d4b9c8f6d'],
  },
];

const miscCases: RowCase[] = [
  { name: 'namespace', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', creationTimestamp: created }, status: { phase: 'Active' } }, cells: ['dev', 'Active', '60m'] },
  { name: 'configmap', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, cells: ['cfg', 3, '60m'] },
  { name: 'secret', obj: { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque', data: { p: 'cA==' } }, cells: ['s', 'Opaque', 1, '60m'] },
  { name: 'serviceaccount', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default') }, cells: ['default', 0, '60m'] },
  {
    name: 'pvc bound',
    obj: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data'),
      spec: { volumeName: 'pv-1', storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteMany', 'ReadWriteOnce'], capacity: { storage: '2Gi' } },
    },
    cells: ['data', 'Bound', 'pv-1', '2Gi', 'RWO,RWX', 'standard', '<unset>', '60m', '<unset>'],
  },
  {
    name: 'pvc pending',
    obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data'), spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
    cells: ['data', 'Pending', '', '', '', '', '<unset>', '60m', 'Filesystem'],
  },
  {
    name: 'event',
    obj: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('web.17f'),
      type: 'Normal',
      reason: 'Scheduled',
      message: ' Successfully assigned default/web to node-1 ',
      involvedObject: { kind: 'Pod', name: 'web' },
      source: { component: 'default-scheduler' },
      firstTimestamp: '2024-12-31T23:50:00Z',
      lastTimestamp: null,
    },
    cells: ['10m', 'Normal', 'Scheduled', 'pod/web', '', 'default-scheduler', 'Successfully assigned default/web to node-1', '10m', 1, 'web.17f'],
  },
  { name: 'unknown kind -> NAME AGE', obj: { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('lr') }, cells: ['lr', '60m'] },
];

describe.each([
  { kind: 'Service', cases: serviceCases },
  { kind: 'Endpoints', cases: endpointsCases },
  { kind: 'EndpointSlice', cases: sliceCases },
  { kind: 'Pod', cases: podCases },
  { kind: 'Node', cases: nodeCases },
  { kind: 'workloads', cases: workloadCases },
  { kind: 'misc', cases: miscCases },
])('$kind rows', ({ cases }) => {
  it.each(cases)('$name', ({ obj, cells }) => {
    const o = obj as unknown as KubeObject;
    const printer = tableFor(o.kind);
    const row = printer.row(o, now);
    expect(row).toEqual(cells);
    expect(row).toHaveLength(printer.columns.length);
  });
});

describe('label selectors', () => {
  it.each([
    { name: 'nil', sel: undefined, str: '', formatted: '<none>' },
    { name: 'empty', sel: {}, str: '', formatted: '<none>' },
    {
      name: 'sorted by key, every operator',
      sel: {
        matchLabels: { z: '1', a: '2' },
        matchExpressions: [
          { key: 'm', operator: 'NotIn', values: ['y', 'x'] },
          { key: 'e', operator: 'Exists' },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      },
      str: 'a=2,!d,e,m notin (x,y),z=1',
      formatted: 'a=2,!d,e,m notin (x,y),z=1',
    },
    { name: 'bad operator', sel: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, str: undefined, formatted: '<error>' },
  ])('$name', ({ sel, str, formatted }) => {
    expect(labelSelectorString(sel)).toBe(str);
    expect(formatLabelSelector(sel)).toBe(formatted);
  });
});
