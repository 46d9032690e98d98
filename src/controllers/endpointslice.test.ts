import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../api/types.js';
import { reconcileEndpointSlices } from './endpointslice.js';
import { pod, svc } from './fixtures.test-util.js';
import { seededRandom } from './names.js';

const opts = () => ({ random: seededRandom(3) });
const summary = (s: EndpointSlice) => ({
  ports: (s.ports ?? []).map((p) => `${p.name}:${p.port}`),
  endpoints: (s.endpoints ?? []).map((e) => `${e.addresses[0]}${e.conditions?.ready ? '' : ' (not ready)'}${e.conditions?.terminating ? ' (terminating)' : ''}`),
});

describe('reconcileEndpointSlices', () => {
  // Given a single pod matching a service selector and no existing slices, a slice should be created.
  it('creates one slice for one matching pod', () => {
    const plan = reconcileEndpointSlices(svc(), [pod('a', '10.244.1.2')], [], opts());
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.create).toHaveLength(1);
    const s = plan.create[0];
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(s.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true },
    ]);
    expect(s.addressType).toBe('IPv4');
    expect(s.endpoints).toEqual([
      {
        addresses: ['10.244.1.2'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'a-uid' },
        nodeName: 'node-1',
      },
    ]);
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  const cases = [
    { name: 'no pods gives an empty placeholder slice', service: svc(), pods: [], want: [{ ports: [], endpoints: [] }] },
    {
      name: 'not-ready and terminating pods stay, unready',
      service: svc(),
      pods: [pod('a', '10.244.1.2', { ready: false }), pod('b', '10.244.1.3', { deleting: true })],
      want: [{ ports: [':8080'], endpoints: ['10.244.1.2 (not ready)', '10.244.1.3 (not ready) (terminating)'] }],
    },
    {
      name: 'publishNotReadyAddresses makes every endpoint ready',
      service: svc({ publishNotReadyAddresses: true }),
      pods: [pod('a', '10.244.1.2', { ready: false })],
      want: [{ ports: [':8080'], endpoints: ['10.244.1.2'] }],
    },
    {
      name: 'pods without IP or not matching are left out',
      service: svc(),
      pods: [pod('a', undefined), pod('b', '10.244.1.3', { labels: { app: 'db' } })],
      want: [{ ports: [], endpoints: [] }],
    },
    {
      name: 'named targetPort resolved per pod; pods lacking it form their own group',
      service: svc({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pods: [
        pod('a', '10.244.1.2', { ports: [{ name: 'web', containerPort: 8080 }] }),
        pod('b', '10.244.1.3', { ports: [{ name: 'web', containerPort: 9090 }] }),
        pod('c', '10.244.1.4'),
      ],
      want: [
        { ports: ['http:8080'], endpoints: ['10.244.1.2'] },
        { ports: ['http:9090'], endpoints: ['10.244.1.3'] },
        { ports: [], endpoints: ['10.244.1.4'] },
      ],
    },
  ];
  it.each(cases)('$name', ({ service, pods, want }) => {
    const plan = reconcileEndpointSlices(service, pods, [], opts());
    expect(plan.create.map(summary)).toEqual(want);
  });

  it.each([
    { name: 'ExternalName', service: svc({ type: 'ExternalName', externalName: 'x.example.com' }) },
    { name: 'no selector', service: svc({ selector: undefined }) },
  ])('leaves a $name Service alone', ({ service }) => {
    expect(reconcileEndpointSlices(service, [pod('a', '10.244.1.2')], [], opts())).toEqual({ create: [], update: [], delete: [] });
  });

  it('puts at most 100 endpoints in a slice', () => {
    const pods = Array.from({ length: 250 }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}`));
    const plan = reconcileEndpointSlices(svc(), pods, [], opts());
    expect(plan.create.map((s) => s.endpoints!.length)).toEqual([100, 100, 50]);
  });

  it('sets hostname when the pod subdomain names the service; headless label on headless services', () => {
    const plan = reconcileEndpointSlices(svc({ clusterIP: 'None' }, { team: 'a' }), [pod('a', '10.244.1.2', { hostname: 'h', subdomain: 'web' })], [], opts());
    expect(plan.create[0].endpoints![0].hostname).toBe('h');
    expect(plan.create[0].metadata.labels).toEqual({
      team: 'a',
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
  });

  it('is a fixpoint: reconciling its own output changes nothing', () => {
    const pods = [pod('a', '10.244.1.2'), pod('b', '10.244.2.2')];
    const first = reconcileEndpointSlices(svc(), pods, [], opts()).create;
    expect(reconcileEndpointSlices(svc(), pods, first, opts())).toEqual({ create: [], update: [], delete: [] });
    const placeholder = reconcileEndpointSlices(svc(), [], [], opts()).create;
    expect(reconcileEndpointSlices(svc(), [], placeholder, opts())).toEqual({ create: [], update: [], delete: [] });
  });

  it('updates the existing slice in place when a pod turns unready, a pod goes, or labels change', () => {
    const first = reconcileEndpointSlices(svc(), [pod('a', '10.244.1.2'), pod('b', '10.244.2.2')], [], opts()).create;
    const unready = reconcileEndpointSlices(svc(), [pod('a', '10.244.1.2', { ready: false }), pod('b', '10.244.2.2')], first, opts());
    expect(unready.update.map(summary)).toEqual([{ ports: [':8080'], endpoints: ['10.244.1.2 (not ready)', '10.244.2.2'] }]);
    expect(unready.update[0].metadata.name).toBe(first[0].metadata.name);
    const gone = reconcileEndpointSlices(svc(), [pod('b', '10.244.2.2')], first, opts());
    expect(gone.update.map(summary)).toEqual([{ ports: [':8080'], endpoints: ['10.244.2.2'] }]);
    const relabel = reconcileEndpointSlices(svc({}, { v: '2' }), [pod('a', '10.244.1.2'), pod('b', '10.244.2.2')], first, opts());
    expect(relabel.update[0].metadata.labels?.v).toBe('2');
  });

  it('turns the last slice into the placeholder when all pods go (update, not delete+create)', () => {
    const first = reconcileEndpointSlices(svc(), [pod('a', '10.244.1.2')], [], opts()).create;
    const plan = reconcileEndpointSlices(svc(), [], first, opts());
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map(summary)).toEqual([{ ports: [], endpoints: [] }]);
    expect(plan.update[0].metadata.name).toBe(first[0].metadata.name);
  });

  it('deletes slices owned by an older Service of the same name', () => {
    const first = reconcileEndpointSlices(svc(), [pod('a', '10.244.1.2')], [], opts()).create;
    const newer = { ...svc(), metadata: { ...svc().metadata, uid: 'other' } };
    const plan = reconcileEndpointSlices(newer, [pod('a', '10.244.1.2')], first, opts());
    expect(plan.delete.map((s) => s.metadata.name)).toEqual([first[0].metadata.name]);
    expect(plan.create).toHaveLength(1);
  });
});
