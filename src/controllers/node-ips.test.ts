import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import { NodeIPs, POD_IP_RANGE_PREFIX } from './node-ips.js';
import type { ClusterNode } from './scheduler.js';

const nodes: ClusterNode[] = [
  { name: 'node-b', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' },
  { name: 'node-a', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' },
];

const pod = (name: string, node: string, ip: string, phase = 'Running'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: node, containers: [] },
  status: { phase, podIP: ip },
});

type Op = ['allocate', string] | ['mark', string, string] | ['release', string, string];

const cases: { name: string; pods: Pod[]; ops: Op[]; want: (string | undefined)[]; load: Record<string, number>; least: string }[] = [
  { name: 'first address is .2, ties go to the lower name', pods: [], ops: [['allocate', 'node-a']], want: ['10.244.1.2'], load: { 'node-a': 1, 'node-b': 0 }, least: 'node-b' },
  {
    name: 'a released address is handed out again first',
    pods: [pod('p1', 'node-a', '10.244.1.2'), pod('p2', 'node-a', '10.244.1.3')],
    ops: [['release', 'node-a', '10.244.1.2'], ['allocate', 'node-a'], ['allocate', 'node-a']],
    want: [undefined, '10.244.1.2', '10.244.1.4'],
    load: { 'node-a': 3, 'node-b': 0 },
    least: 'node-b',
  },
  {
    name: 'pinned addresses are skipped, foreign ones ignored, terminal pods hold none',
    pods: [pod('done', 'node-b', '10.244.2.2', 'Succeeded')],
    ops: [['mark', 'node-b', '10.244.2.2'], ['mark', 'node-b', '10.244.9.9'], ['mark', 'node-b', '10.244.2.255'], ['allocate', 'node-b']],
    want: [undefined, undefined, undefined, '10.244.2.3'],
    load: { 'node-a': 0, 'node-b': 2 },
    least: 'node-a',
  },
  { name: 'unknown nodes get nothing', pods: [], ops: [['allocate', 'node-z']], want: [undefined], load: { 'node-a': 0, 'node-b': 0 }, least: 'node-a' },
];

describe('NodeIPs', () => {
  it.each(cases)('$name', ({ pods, ops, want, load, least }) => {
    const ips = NodeIPs.fromPods(nodes, pods);
    const got = ops.map((op) => {
      if (op[0] === 'allocate') return ips.allocate(op[1]);
      if (op[0] === 'mark') ips.mark(op[1], op[2]);
      else ips.release(op[1], op[2]);
      return undefined;
    });
    expect(got).toEqual(want);
    expect({ 'node-a': ips.used('node-a'), 'node-b': ips.used('node-b') }).toEqual(load);
    expect(ips.leastLoaded()).toBe(least);
  });

  it('a /24 holds 253 pods (.2 to .254)', () => {
    const ips = NodeIPs.fromPods(nodes, []);
    const all = Array.from({ length: 254 }, () => ips.allocate('node-a'));
    expect([all[0], all[252], all[253]]).toEqual(['10.244.1.2', '10.244.1.254', undefined]);
  });

  it('saves ranges and loads them back without listing pods; a missing range is rebuilt from the pods', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.create('/registry/pods/default/p1', pod('p1', 'node-a', '10.244.1.7'));
      const ips = await NodeIPs.load(tx, nodes);
      expect(ips.used('node-a')).toBe(1);
      ips.allocate('node-b');
      await ips.save(tx);
    });
    expect((await store.list(POD_IP_RANGE_PREFIX)).map((o) => `${o.metadata.name} ${(o as unknown as { range: string; data: string }).range} ${(o as unknown as { data: string }).data}`)).toEqual([
      'node-a 10.244.1.0/24 IA==',
      'node-b 10.244.2.0/24 AQ==',
    ]);
    const listed: string[] = [];
    await store.transaction(async (tx) => {
      const ips = await NodeIPs.load({ ...tx, list: (p) => (listed.push(p), tx.list(p)) }, nodes);
      expect(ips.allocate('node-a')).toBe('10.244.1.2');
    });
    expect(listed).toEqual([POD_IP_RANGE_PREFIX]);
  });
});
