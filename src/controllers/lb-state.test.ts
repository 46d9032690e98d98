import { describe, expect, it } from 'vitest';
import type { Service } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import { LB_POOL_RANGE_KEY, LoadBalancerState } from './lb-state.js';

const lb = (name: string, ip?: string, over: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', ports: [{ port: 80 }], ...over },
  ...(ip ? { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } } : {}),
});
const shown = (s: Service | undefined) => (s ? JSON.stringify(s.status?.loadBalancer) : 'unchanged');

const cases: { name: string; held: Service[]; svc: Service; want: string }[] = [
  { name: 'lowest free address', held: [lb('a', '10.0.0.240')], svc: lb('b'), want: '{"ingress":[{"ip":"10.0.0.241","ipMode":"VIP"}]}' },
  { name: 'keeps what it holds', held: [lb('a', '10.0.0.240')], svc: lb('a', '10.0.0.240'), want: 'unchanged' },
  { name: 'loadBalancerIP honoured', held: [], svc: lb('a', undefined, { loadBalancerIP: '10.0.0.243' }), want: '{"ingress":[{"ip":"10.0.0.243","ipMode":"VIP"}]}' },
  { name: 'loadBalancerIP taken: pending', held: [lb('a', '10.0.0.242')], svc: lb('b', undefined, { loadBalancerIP: '10.0.0.242' }), want: '{}' },
  {
    name: 'pool full: pending',
    held: ['240', '241', '242', '243'].map((o, i) => lb(`s${i}`, `10.0.0.${o}`)),
    svc: lb('b'),
    want: '{}',
  },
  { name: 'address outside the pool is replaced', held: [], svc: lb('a', '192.168.1.1'), want: '{"ingress":[{"ip":"10.0.0.240","ipMode":"VIP"}]}' },
  { name: 'a loadBalancerClass Service is left alone', held: [], svc: lb('a', undefined, { loadBalancerClass: 'x/y' }), want: 'unchanged' },
];

describe('LoadBalancerState', () => {
  it.each(cases)('$name', ({ held, svc, want }) => {
    expect(shown(LoadBalancerState.fromServices(held, '10.0.0.240/30').sync(svc))).toBe(want);
  });

  it('forgets what a deleted or retyped Service held, keeps what it still shows', () => {
    const st = LoadBalancerState.fromServices([lb('a', '10.0.0.240'), lb('b', '10.0.0.241')], '10.0.0.240/30');
    st.forget(lb('a', '10.0.0.240'), undefined);
    st.forget(lb('b', '10.0.0.241'), lb('b', '10.0.0.241'));
    expect([st.has('10.0.0.240'), st.has('10.0.0.241')]).toEqual([false, true]);
    st.forget(lb('b', '10.0.0.241'), { ...lb('b', '10.0.0.241'), spec: { type: 'ClusterIP', ports: [] } });
    expect(st.has('10.0.0.241')).toBe(false);
  });

  it('round-trips through its range key and is rebuilt from Services when the pool changed', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.create('/registry/services/specs/default/a', lb('a', '10.0.0.241'));
      const st = await LoadBalancerState.load(tx, '10.0.0.240/30');
      expect(shown(st.sync(lb('b')))).toBe('{"ingress":[{"ip":"10.0.0.240","ipMode":"VIP"}]}');
      await st.save(tx);
    });
    expect(await store.get(LB_POOL_RANGE_KEY)).toMatchObject({ kind: 'RangeAllocation', range: '10.0.0.240/30', data: 'Aw==' });
    await store.transaction(async (tx) => {
      expect(shown((await LoadBalancerState.load(tx, '10.0.0.240/30')).sync(lb('c')))).toBe('{"ingress":[{"ip":"10.0.0.242","ipMode":"VIP"}]}');
      expect(shown((await LoadBalancerState.load(tx, '10.0.0.240/29')).sync(lb('c')))).toBe('{"ingress":[{"ip":"10.0.0.240","ipMode":"VIP"}]}');
    });
  });
});
