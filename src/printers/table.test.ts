import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { buildTable } from './columns/index.js';
import { printTable, renderCell, type PrintTableOptions } from './table.js';
import { tabwrite } from './tabwriter.js';

const now = new Date('2025-01-01T00:00:00Z');

const service = (name: string, ns: string, spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, creationTimestamp: '2024-12-31T00:00:00Z', ...(labels ? { labels } : {}) },
  spec,
});

const services = [
  service('kubernetes', 'default', { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }, { component: 'apiserver', provider: 'kubernetes' }),
  service('web', 'default', { type: 'NodePort', clusterIPs: ['10.96.45.7'], ports: [{ port: 80, nodePort: 31790, protocol: 'TCP' }], selector: { app: 'web' } }, { app: 'web' }),
];

const endpoints: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: '2024-12-31T00:00:00Z' },
    subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ port: 6443 }] }],
  },
];

const deployments: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-12-31T23:55:00Z' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
  },
];

interface Golden {
  name: string;
  tables: () => ReturnType<typeof buildTable>[];
  opts: PrintTableOptions;
  out: string;
}

const svcTable = () => [buildTable('Service', services, now)];

const goldens: Golden[] = [
  {
    name: 'get svc',
    tables: svcTable,
    opts: {},
    out: [
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE',
      'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h',
      'web          NodePort    10.96.45.7   <none>        80:31790/TCP   24h',
      '',
    ].join('\n'),
  },
  {
    name: 'get svc -o wide',
    tables: svcTable,
    opts: { wide: true },
    out: [
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
      'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h   <none>',
      'web          NodePort    10.96.45.7   <none>        80:31790/TCP   24h   app=web',
      '',
    ].join('\n'),
  },
  {
    name: 'get svc -A --show-labels',
    tables: svcTable,
    opts: { withNamespace: true, showLabels: true },
    out: [
      'NAMESPACE   NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   LABELS',
      'default     kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h   component=apiserver,provider=kubernetes',
      'default     web          NodePort    10.96.45.7   <none>        80:31790/TCP   24h   app=web',
      '',
    ].join('\n'),
  },
  {
    name: 'get svc -L app,example.com/tier (missing label -> trailing padding)',
    tables: svcTable,
    opts: { labelColumns: ['app', 'example.com/tier'] },
    out: [
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   APP   TIER',
      'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h         ',
      'web          NodePort    10.96.45.7   <none>        80:31790/TCP   24h   web   ',
      '',
    ].join('\n'),
  },
  {
    name: 'get svc --no-headers (minimum width 6)',
    tables: () => [buildTable('Service', [services[0]], now)],
    opts: { noHeaders: true },
    out: 'kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   24h\n',
  },
  {
    name: 'get svc,ep,deploy: kind prefixes and blank lines',
    tables: () => [buildTable('Service', services, now), buildTable('Endpoints', endpoints, now), buildTable('Deployment', deployments, now)],
    opts: { kindPrefix: true },
    out: [
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE',
      'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h',
      'service/web          NodePort    10.96.45.7   <none>        80:31790/TCP   24h',
      '',
      'NAME                   ENDPOINTS         AGE',
      'endpoints/kubernetes   172.18.0.2:6443   24h',
      '',
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
      'deployment.apps/web   2/2     2            2           5m',
      '',
    ].join('\n'),
  },
  {
    name: 'an empty table prints nothing and no separator',
    tables: () => [buildTable('Service', services.slice(0, 1), now), buildTable('Endpoints', [], now), buildTable('Deployment', deployments, now)],
    opts: {},
    out: [
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   24h',
      '',
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
      'web    2/2     2            2           5m',
      '',
    ].join('\n'),
  },
  {
    name: '--no-headers with several types: no blank line',
    tables: () => [buildTable('Service', services.slice(0, 1), now), buildTable('Deployment', deployments, now)],
    opts: { noHeaders: true },
    out: 'kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   24h\nweb   2/2   2     2     5m\n',
  },
  { name: 'no rows at all', tables: () => [buildTable('Service', [], now)], opts: {}, out: '' },
  {
    name: 'cluster-scoped kinds get no NAMESPACE column under -A',
    tables: () => [
      buildTable('Namespace', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: '2024-12-31T00:00:00Z' }, status: { phase: 'Active' } }], now),
    ],
    opts: { withNamespace: true },
    out: 'NAME      STATUS   AGE\ndefault   Active   24h\n',
  },
];

describe('printTable', () => {
  it.each(goldens)('$name', ({ tables, opts, out }) => {
    expect(printTable(tables(), opts)).toBe(out);
  });
});

describe('renderCell', () => {
  it.each([
    { name: 'number', cell: 3, out: '3' },
    { name: 'null', cell: null, out: '' },
    { name: 'multi-line cut', cell: 'a\nb', out: 'a...' },
    { name: 'escape', cell: 'x\x1b[31m', out: 'x^[[31m' },
  ])('$name', ({ cell, out }) => {
    expect(renderCell(cell)).toBe(out);
  });
});

describe('tabwrite', () => {
  it.each([
    { name: 'ragged lines form separate column blocks', lines: [['a', 'b', 'c'], ['longer'], ['x', 'y']], out: 'a     b     c\nlonger\nx     y\n' },
    { name: 'unicode counted in runes', lines: [['é', 'z'], ['ab', 'z']], out: 'é     z\nab    z\n' },
  ])('$name', ({ lines, out }) => {
    expect(tabwrite(lines)).toBe(out);
  });
});
