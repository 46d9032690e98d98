import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../api/types.js';
import { reconcileEndpoints, repackSubsets, truncateSubsets } from './endpoints.js';
import { pod, svc } from './fixtures.test-util.js';

describe('reconcileEndpoints', () => {
  it('builds sorted, repacked subsets with ready and not-ready addresses', () => {
    const ep = reconcileEndpoints(
      svc({ ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] }, { app: 'web' }),
      [pod('b', '10.244.2.2', { node: 'node-2' }), pod('a', '10.244.1.2'), pod('c', '10.244.1.3', { ready: false })],
      undefined,
    ) as Endpoints;
    expect(ep).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      subsets: [
        {
          addresses: [
            { ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'a-uid' } },
            { ip: '10.244.2.2', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'b-uid' } },
          ],
          notReadyAddresses: [
            { ip: '10.244.1.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'c-uid' } },
          ],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    });
  });

  const cases = [
    { name: 'ExternalName is left alone', service: svc({ type: 'ExternalName' }), want: null },
    { name: 'no selector is left alone', service: svc({ selector: undefined }), want: null },
  ];
  it.each(cases)('$name', ({ service, want }) => {
    expect(reconcileEndpoints(service, [pod('a', '10.244.1.2')], undefined)).toBe(want);
  });

  it('no pods: an Endpoints without subsets, headless label on headless services', () => {
    expect(reconcileEndpoints(svc({ clusterIP: 'None' }), [], undefined)).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default', labels: { 'service.kubernetes.io/headless': '' } },
    });
  });

  it('reports unchanged for its own output (ignoring resourceVersion)', () => {
    const pods = [pod('a', '10.244.1.2'), pod('b', '10.244.2.2', { ready: false })];
    const first = reconcileEndpoints(svc(), pods, undefined) as Endpoints;
    expect(reconcileEndpoints(svc(), pods, { ...first, metadata: { ...first.metadata, resourceVersion: '7' } })).toBe('unchanged');
  });

  it('pods with different resolved ports make separate subsets', () => {
    const service = svc({ ports: [{ port: 80, targetPort: 'web', protocol: 'TCP' }] });
    const ep = reconcileEndpoints(
      service,
      [pod('a', '10.244.1.2', { ports: [{ name: 'web', containerPort: 80 }] }), pod('b', '10.244.1.3', { ports: [{ name: 'web', containerPort: 81 }] })],
      undefined,
    ) as Endpoints;
    expect(ep.subsets?.map((s) => `${s.addresses?.map((a) => a.ip).join(',')}:${s.ports?.map((p) => p.port).join(',')}`)).toEqual([
      '10.244.1.2:80',
      '10.244.1.3:81',
    ]);
  });

  it('a pod lacking a named targetPort serves only the other ports; not-ready pods under each', () => {
    const service = svc({
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
    });
    const both = { ports: [{ name: 'http', containerPort: 8080 }] };
    const ep = reconcileEndpoints(
      service,
      // Out of name order on purpose.
      [pod('c', '10.244.1.4', { ...both, ready: false }), pod('b', '10.244.1.3', { ports: [] }), pod('a', '10.244.1.2', both)],
      undefined,
    ) as Endpoints;
    const show = (s: NonNullable<Endpoints['subsets']>[number]) =>
      `${(s.addresses ?? []).map((a) => a.targetRef?.name).join(',')}|${(s.notReadyAddresses ?? []).map((a) => a.targetRef?.name).join(',')}:${s.ports?.map((p) => `${p.name}/${p.port}`).join(',')}`;
    expect(ep.subsets?.map(show)).toEqual(['a,b|c:metrics/9090', 'a|c:http/8080']);
  });

  it('caps at 1000 addresses and annotates over-capacity', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, `10.${1 + Math.floor(i / 250)}.0.${i % 250}`));
    const ep = reconcileEndpoints(svc(), pods, undefined) as Endpoints;
    expect(ep.subsets?.[0].addresses).toHaveLength(1000);
    expect(ep.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
  });
});

describe('repackSubsets', () => {
  it.each([
    { name: 'addresses in byte order, not numeric order', ips: ['10.244.1.9', '10.244.1.10', '10.244.1.100'], want: ['10.244.1.10', '10.244.1.100', '10.244.1.9'] },
    { name: 'the same address ordered by target uid, none first', ips: ['10.0.0.1#b', '10.0.0.1#a', '10.0.0.1'], want: ['10.0.0.1', '10.0.0.1#a', '10.0.0.1#b'] },
  ])('sorts $name', ({ ips, want }) => {
    const addr = (spec: string) => {
      const [ip, uid] = spec.split('#');
      return uid ? { ip, targetRef: { kind: 'Pod', name: uid, uid } } : { ip };
    };
    const [ss] = repackSubsets([{ addresses: ips.map(addr), ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(ss.addresses!.map((a) => (a.targetRef ? `${a.ip}#${a.targetRef.uid}` : a.ip))).toEqual(want);
  });

  it('merges addresses that share ports and lets not-ready win', () => {
    const a = { ip: '10.0.0.1' };
    const b = { ip: '10.0.0.2' };
    const out = repackSubsets([
      { addresses: [b], ports: [{ port: 80 }] },
      { addresses: [a], ports: [{ port: 80 }] },
      { notReadyAddresses: [a], ports: [{ port: 80 }] },
    ]);
    expect(out).toEqual([{ addresses: [b], notReadyAddresses: [a], ports: [{ port: 80 }] }]);
  });

  it('truncates not-ready addresses first', () => {
    const subsets = [
      {
        addresses: Array.from({ length: 900 }, (_, i) => ({ ip: `r${i}` })),
        notReadyAddresses: Array.from({ length: 200 }, (_, i) => ({ ip: `n${i}` })),
      },
    ];
    expect(truncateSubsets(subsets)).toBe(true);
    expect([subsets[0].addresses.length, subsets[0].notReadyAddresses.length]).toEqual([900, 100]);
  });
});
