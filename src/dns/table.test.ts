import { describe, expect, it } from 'vitest';
import { dnsTable, printDnsTable } from './table.js';
import { pod, svc, viewOf } from './testing/cluster.js';

const view = viewOf(
  [
    svc('default', 'web', { clusterIP: '10.96.0.11', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { port: 9000 }] }),
    pod('default', 'web-1', '10.244.1.1', { app: 'web' }),
    pod('default', 'web-2', '10.244.1.2', { app: 'web' }, { ready: false }),
    svc('default', 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] }),
    pod('default', 'db-0', '10.244.2.1', { app: 'db' }, { hostname: 'db-0', subdomain: 'db' }),
    svc('default', 'gone', { clusterIP: 'None', selector: { app: 'none' }, ports: [{ name: 'x', port: 1 }] }),
    svc('shop', 'pay', { type: 'ExternalName', externalName: 'pay.example.com' }),
  ],
  { namespaces: ['default', 'shop'] },
);

const defaultRows = [
  'default db.default.svc.cluster.local. A 10.244.2.1',
  'default _pg._tcp.db.default.svc.cluster.local. SRV 0 100 5432 db-0.db.default.svc.cluster.local.',
  'default db-0.db.default.svc.cluster.local. A 10.244.2.1',
  'default 1.2.244.10.in-addr.arpa. PTR db-0.db.default.svc.cluster.local.',
  'default web.default.svc.cluster.local. A 10.96.0.11',
  'default _http._tcp.web.default.svc.cluster.local. SRV 0 100 80 web.default.svc.cluster.local.',
  'default 10-244-1-1.web.default.svc.cluster.local. A 10.244.1.1',
  'default 11.0.96.10.in-addr.arpa. PTR web.default.svc.cluster.local.',
  'default 1.1.244.10.in-addr.arpa. PTR 10-244-1-1.web.default.svc.cluster.local.',
  'default 10-244-2-1.default.pod.cluster.local. A 10.244.2.1',
  'default 10-244-1-1.default.pod.cluster.local. A 10.244.1.1',
  'default 10-244-1-2.default.pod.cluster.local. A 10.244.1.2',
];

describe('dnsTable', () => {
  it.each([
    { name: 'default namespace', opts: {}, want: defaultRows },
    { name: 'one namespace', opts: { namespace: 'shop' }, want: ['shop pay.shop.svc.cluster.local. CNAME pay.example.com.'] },
    { name: 'all namespaces', opts: { all: true }, want: [...defaultRows, 'shop pay.shop.svc.cluster.local. CNAME pay.example.com.'] },
    { name: 'missing namespace', opts: { namespace: 'nope' }, want: [] },
  ])('$name', ({ opts, want }) => {
    expect(dnsTable(view, opts).map((r) => `${r.namespace} ${r.name} ${r.type} ${r.data}`)).toEqual(want);
  });
});

describe('dnsTable order', () => {
  // The same pod behind two Services: its PTRs sort by data whatever order the slices come in.
  const pods = [pod('default', 'app-1', '10.244.3.7', { app: 'app' })];
  const ptrRows = (names: string[]) =>
    dnsTable(viewOf([...names.map((n) => svc('default', n, { clusterIP: 'None', selector: { app: 'app' }, ports: [{ port: 80 }] })), ...pods], { namespaces: ['default'] }))
      .filter((r) => r.type === 'PTR')
      .map((r) => `${r.name} ${r.data}`);
  const want = ['7.3.244.10.in-addr.arpa. 10-244-3-7.a.default.svc.cluster.local.', '7.3.244.10.in-addr.arpa. 10-244-3-7.z.default.svc.cluster.local.'];
  it.each([
    { name: 'slices a then z', services: ['a', 'z'] },
    { name: 'slices z then a', services: ['z', 'a'] },
  ])('$name', ({ services }) => expect([...new Set(ptrRows(services))]).toEqual(want));
});

describe('printDnsTable', () => {
  const rows = dnsTable(view, { namespace: 'shop' });
  it.each([
    { name: 'one namespace', all: false, want: 'NAME                          TYPE    DATA\npay.shop.svc.cluster.local.   CNAME   pay.example.com.\n' },
    { name: 'with NAMESPACE', all: true, want: 'NAMESPACE   NAME                          TYPE    DATA\nshop        pay.shop.svc.cluster.local.   CNAME   pay.example.com.\n' },
  ])('$name', ({ all, want }) => expect(printDnsTable(rows, { allNamespaces: all })).toBe(want));
  it('prints nothing without rows', () => expect(printDnsTable([])).toBe(''));
});
