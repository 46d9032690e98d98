import { describe, expect, it } from 'vitest';
import type { Service } from '../api/types.js';
import { reconcileLoadBalancers } from './loadbalancer.js';

const lb = (name: string, extra: Partial<Service['spec']> = {}, ingress?: string[]): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', ports: [{ port: 80 }], ...extra },
  status: { loadBalancer: ingress ? { ingress: ingress.map((ip) => ({ ip, ipMode: 'VIP' })) } : {} },
});

const ips = (updates: Service[]) =>
  Object.fromEntries(updates.map((s) => [s.metadata.name, s.status?.loadBalancer?.ingress?.map((i) => i.ip) ?? []]));

describe('reconcileLoadBalancers', () => {
  it.each([
    { name: 'gives a new LoadBalancer the lowest free address', services: [lb('a')], pool: '10.0.0.10-10.0.0.12', want: { a: ['10.0.0.10'] } },
    {
      name: 'skips addresses other Services hold',
      services: [lb('a', {}, ['10.0.0.10']), lb('b')],
      pool: '10.0.0.10-10.0.0.12',
      want: { b: ['10.0.0.11'] },
    },
    { name: 'honours spec.loadBalancerIP when free', services: [lb('a', { loadBalancerIP: '10.0.0.12' })], pool: '10.0.0.10-10.0.0.12', want: { a: ['10.0.0.12'] } },
    {
      name: 'leaves a Service pending when its loadBalancerIP is taken',
      services: [lb('a', {}, ['10.0.0.10']), lb('b', { loadBalancerIP: '10.0.0.10' })],
      pool: '10.0.0.10-10.0.0.12',
      want: {},
    },
    { name: 'leaves everything pending without a pool', services: [lb('a')], pool: '', want: {} },
    {
      name: 'leaves the rest pending once the pool is exhausted',
      services: [lb('a'), lb('b')],
      pool: '10.0.0.10-10.0.0.10',
      want: { a: ['10.0.0.10'] },
    },
    { name: 'changes nothing once settled', services: [lb('a', {}, ['10.0.0.10'])], pool: '10.0.0.10-10.0.0.12', want: {} },
    {
      name: 'ignores Services with a loadBalancerClass (another controller owns them)',
      services: [lb('a', { loadBalancerClass: 'example.com/lb' })],
      pool: '10.0.0.10-10.0.0.12',
      want: {},
    },
  ])('$name', ({ services, pool, want }) => {
    expect(ips(reconcileLoadBalancers(services, pool))).toEqual(want);
  });

  it('never hands one address to two Services', () => {
    const services = Array.from({ length: 5 }, (_, i) => lb(`s${i}`));
    const got = reconcileLoadBalancers(services, '10.0.0.0/30').map((s) => s.status!.loadBalancer!.ingress![0].ip);
    expect(got).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });
});
