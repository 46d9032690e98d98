import { describe, expect, it } from 'vitest';
import type { EndpointSlice, KubeObject, SliceEndpoint } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import { answerQuery, rrToText } from './answer.js';
import { buildDnsView, cachedDnsView, loadDnsView } from './view.js';
import { svc } from './testing/cluster.js';

function slice(name: string, service: string | undefined, endpoints: SliceEndpoint[], addressType = 'IPv4'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', labels: service ? { 'kubernetes.io/service-name': service } : {} },
    addressType,
    endpoints,
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}
const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('buildDnsView', () => {
  it.each([
    { name: 'ready unset counts as ready', eps: [{ addresses: ['10.0.0.1'] }], pnr: false, want: ['10.0.0.1'] },
    { name: 'ready false is left out', eps: [{ addresses: ['10.0.0.1'], conditions: { ready: false } }], pnr: false, want: [] },
    { name: 'publishNotReadyAddresses keeps not-ready', eps: [{ addresses: ['10.0.0.1'], conditions: { ready: false } }], pnr: true, want: ['10.0.0.1'] },
    { name: 'every address of an endpoint', eps: [{ addresses: ['10.0.0.1', '10.0.0.2'], conditions: { ready: true } }], pnr: false, want: ['10.0.0.1', '10.0.0.2'] },
  ])('$name', ({ eps, pnr, want }) => {
    const view = buildDnsView(
      { services: [svc('default', 'h', { clusterIP: 'None', publishNotReadyAddresses: pnr })], endpointSlices: [slice('h-1', 'h', eps)], pods: [], namespaces: [ns('default')] },
      { clusterDomain: 'cluster.local' },
    );
    expect((view.endpoints.get('h.default') ?? []).flatMap((s) => s.addresses.map((a) => a.ip))).toEqual(want);
  });

  it('ignores unlabelled and FQDN slices, merges several slices of one service', () => {
    const view = buildDnsView(
      {
        services: [svc('default', 'h', { clusterIP: 'None' })],
        endpointSlices: [slice('a', undefined, [{ addresses: ['10.0.0.9'] }]), slice('b', 'h', [{ addresses: ['x.example'] }], 'FQDN'), slice('c', 'h', [{ addresses: ['10.0.0.1'] }]), slice('d', 'h', [{ addresses: ['10.0.0.2'] }])],
        pods: [],
        namespaces: [ns('default')],
      },
      { clusterDomain: 'Cluster.Local.' },
    );
    expect(view.zone).toBe('cluster.local');
    expect([...view.endpoints.keys()]).toEqual(['h.default']);
    expect(answerQuery(view, 'h.default.svc.cluster.local', 'A').answers.map(rrToText)).toEqual([
      'h.default.svc.cluster.local. 30 IN A 10.0.0.1',
      'h.default.svc.cluster.local. 30 IN A 10.0.0.2',
    ]);
  });

  it('takes clusterIP when clusterIPs is absent, and marks port-less services', () => {
    const view = buildDnsView({ services: [svc('default', 'x', { clusterIP: '10.96.0.5' })], endpointSlices: [], pods: [], namespaces: [] }, { clusterDomain: 'cluster.local' });
    expect(view.services.get('x.default')).toMatchObject({ clusterIPs: ['10.96.0.5'], headless: false, ports: [{ name: '', protocol: '', port: -1 }] });
  });
});

describe('loadDnsView', () => {
  it('reads the registry keys and uses the store revision as SOA serial', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.create('/registry/namespaces/default', ns('default'));
      await tx.create('/registry/services/specs/default/web', svc('default', 'web', { clusterIP: '10.96.0.11', ports: [{ port: 80 }] }));
      await tx.create('/registry/endpointslices/default/web-abc', slice('web-abc', 'web', [{ addresses: ['10.244.0.7'] }]));
      await tx.create('/registry/pods/default/p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] }, status: { podIP: '10.244.0.7' } });
    });
    const view = await loadDnsView(store, 'cluster.local');
    expect(view.serial).toBe(1);
    expect(view.pods).toEqual([{ name: 'p', namespace: 'default', ip: '10.244.0.7' }]);
    expect(answerQuery(view, 'web.default.svc.cluster.local', 'A').answers.map(rrToText)).toEqual(['web.default.svc.cluster.local. 30 IN A 10.96.0.11']);
    expect(answerQuery(view, '7.0.244.10.in-addr.arpa', 'PTR').answers.map(rrToText)).toEqual(['7.0.244.10.in-addr.arpa. 30 IN PTR 10-244-0-7.web.default.svc.cluster.local.']);
  });
});

describe('cachedDnsView', () => {
  const service = (name: string, clusterIP: string): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { clusterIP, ports: [{ port: 80 }] } }) as KubeObject;
  const a = (view: Parameters<typeof answerQuery>[0], name: string) => answerQuery(view, `${name}.default.svc.cluster.local.`, 'A');

  /** A MemoryStore with `default` and Service web, counting full reads (list calls). */
  async function setup() {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.put('/registry/namespaces/default', ns('default'));
      await tx.put('/registry/services/specs/default/web', service('web', '10.96.0.20'));
    });
    let lists = 0;
    const counted = { list: (p: string) => (lists++, store.list(p)), get: (k: string) => store.get(k), revision: () => store.revision() };
    return { store, getView: cachedDnsView(counted, 'cluster.local'), lists: () => lists };
  }

  it('with maxStaleMs, reads the revision once per window and sees a write after it', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.put('/registry/namespaces/default', ns('default'));
    });
    let reads = 0;
    let now = 1000;
    const counted = { list: (p: string) => store.list(p), get: (k: string) => store.get(k), revision: () => (reads++, store.revision()) };
    const getView = cachedDnsView(counted, 'cluster.local', { maxStaleMs: 1, clock: () => now });
    await getView();
    const afterFirst = reads; // the build reads it too, for the SOA serial
    await getView();
    expect(reads).toBe(afterFirst);
    await store.transaction((tx) => tx.put('/registry/services/specs/default/web', service('web', '10.96.0.20')));
    now += 1;
    expect(a(await getView(), 'web').answers.map((r) => r.data)).toEqual(['10.96.0.20']);
    expect(reads).toBeGreaterThan(afterFirst);
  });

  it.each([
    { name: 'before any call', calls: 0, advance: 0, maxStaleMs: 1, fresh: false },
    { name: 'right after a call', calls: 1, advance: 0, maxStaleMs: 1, fresh: true },
    { name: 'once the read is maxStaleMs old', calls: 1, advance: 1, maxStaleMs: 1, fresh: false },
    { name: 'without maxStaleMs (every call reads)', calls: 1, advance: 0, maxStaleMs: 0, fresh: false },
  ])('peek: $name', async ({ calls, advance, maxStaleMs, fresh }) => {
    const { store } = await setup();
    let now = 1000;
    const getView = cachedDnsView(store, 'cluster.local', { maxStaleMs, clock: () => now });
    let last: unknown;
    for (let i = 0; i < calls; i++) last = await getView();
    now += advance;
    expect(getView.peek()).toBe(fresh ? last : undefined);
  });

  it('reuses the view while the revision stands', async () => {
    const { getView, lists } = await setup();
    const first = await getView();
    const reads = lists();
    expect(await getView()).toBe(first);
    expect(lists()).toBe(reads);
  });

  it.each([
    {
      name: 'a created Service',
      change: (s: MemoryStore) => s.transaction((tx) => tx.put('/registry/services/specs/default/api', service('api', '10.96.0.21'))),
      want: { web: '10.96.0.20', api: '10.96.0.21' },
    },
    { name: 'a deleted Service', change: (s: MemoryStore) => s.transaction((tx) => tx.delete('/registry/services/specs/default/web')), want: { web: 'NXDOMAIN', api: 'NXDOMAIN' } },
    {
      name: 'a changed ClusterIP',
      change: (s: MemoryStore) => s.transaction((tx) => tx.put('/registry/services/specs/default/web', service('web', '10.96.0.30'))),
      want: { web: '10.96.0.30', api: 'NXDOMAIN' },
    },
  ])('answers $name at the next query', async ({ change, want }) => {
    const { store, getView } = await setup();
    expect(rrToText(a(await getView(), 'web').answers[0])).toBe('web.default.svc.cluster.local. 30 IN A 10.96.0.20');
    await change(store);
    const view = await getView();
    const got = (n: string) => a(view, n).answers[0]?.data ?? a(view, n).rcode;
    expect({ web: got('web'), api: got('api') }).toEqual(want);
    expect(view.serial).toBe(await store.revision());
  });

  it('shares one build between concurrent queries', async () => {
    const { store, getView, lists } = await setup();
    await getView();
    await store.transaction((tx) => tx.put('/registry/services/specs/default/api', service('api', '10.96.0.21')));
    const before = lists();
    const [x, y] = await Promise.all([getView(), getView()]);
    expect(x).toBe(y);
    expect(lists() - before).toBe(4);
  });

  it('does not keep a failed build', async () => {
    let fail = true;
    const store = new MemoryStore();
    const flaky = {
      list: (p: string) => (fail ? Promise.reject(new Error('disk')) : store.list(p)),
      get: (k: string) => store.get(k),
      revision: () => store.revision(),
    };
    const getView = cachedDnsView(flaky, 'cluster.local');
    await expect(getView()).rejects.toThrow('disk');
    fail = false;
    expect((await getView()).zone).toBe('cluster.local');
  });
});
