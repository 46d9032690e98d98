import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Service } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import { allocationFailure, eventNameSuffix, eventsForChange, microTime, type KubeEvent } from './events.js';
import { seededRandom } from './names.js';
import { runControllers } from './runner.js';
import type { ClusterSettings } from './scheduler.js';

const cluster = (lbPool: string): ClusterSettings => ({
  clusterDomain: 'cluster.local',
  lbPool,
  nodes: [
    { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' },
    { name: 'node-2', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' },
  ],
});

const T0 = new Date('2025-01-01T00:00:00Z');

const deployment = (replicas: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'dep-uid', generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

const lb = (name: string): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', uid: `${name}-uid` },
  spec: { type: 'LoadBalancer', selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 }] },
});

const DEP = '/registry/deployments/default/web';
const svcKey = (n: string) => `/registry/services/specs/default/${n}`;

/** One write of `objs` (created or replaced) then the controllers, targeted or full. */
async function step(store: MemoryStore, objs: [string, KubeObject][], opts: { now: Date; pool: string; mode: 'targeted' | 'full' }): Promise<void> {
  await store.transaction(async (tx) => {
    const changed: KubeObject[] = [];
    const previous: KubeObject[] = [];
    for (const [k, o] of objs) {
      const old = await tx.get(k);
      if (old) previous.push(old);
      changed.push(old ? await tx.put(k, { ...o, metadata: { ...o.metadata, resourceVersion: undefined } }) : await tx.create(k, o));
    }
    await runControllers(tx, {
      now: opts.now,
      random: seededRandom(7),
      cluster: cluster(opts.pool),
      ...(opts.mode === 'targeted' ? { changed, previous, deleted: [] } : {}),
    });
  });
}

/** Stored events as `kind/name reason: message (component[, host]) xCOUNT`, in store order. */
async function events(store: MemoryStore): Promise<string[]> {
  const list = (await store.list('/registry/events/')) as KubeEvent[];
  return list.map((e) => {
    const io = e.involvedObject;
    const from = e.source.component ? `${e.source.component}${e.source.host ? `, ${e.source.host}` : ''}` : `${e.reportingComponent} (series)`;
    return `${io.kind}/${io.name}${io.fieldPath ? `[${io.fieldPath}]` : ''} ${e.type} ${e.reason}: ${e.message} (${from}) x${e.count ?? 1}`;
  });
}

const modes = [{ mode: 'targeted' as const }, { mode: 'full' as const }];

describe('events recorded by the controllers', () => {
  it.each(modes)('a Deployment apply ($mode)', async ({ mode }) => {
    const store = new MemoryStore();
    await step(store, [[DEP, deployment(1)]], { now: T0, pool: '', mode });
    const got = await events(store);
    const rs = got.find((l) => l.startsWith('Deployment/web'))!.match(/replica set (web-\w+)/)![1];
    const pod = got.find((l) => l.startsWith(`ReplicaSet/${rs}`))!.match(/Created pod: (\S+)/)![1];
    expect(got.sort()).toEqual(
      [
        `Deployment/web Normal ScalingReplicaSet: Scaled up replica set ${rs} from 0 to 1 (deployment-controller) x1`,
        `ReplicaSet/${rs} Normal SuccessfulCreate: Created pod: ${pod} (replicaset-controller) x1`,
        `Pod/${pod} Normal Scheduled: Successfully assigned default/${pod} to node-1 (default-scheduler (series)) x1`,
        `Pod/${pod}[spec.containers{nginx}] Normal Pulled: Container image "nginx:1.27" already present on machine (kubelet, node-1) x1`,
        `Pod/${pod}[spec.containers{nginx}] Normal Created: Created container: nginx (kubelet, node-1) x1`,
        `Pod/${pod}[spec.containers{nginx}] Normal Started: Started container nginx (kubelet, node-1) x1`,
      ].sort(),
    );
  });

  it.each(modes)('a scale up then down ($mode)', async ({ mode }) => {
    const store = new MemoryStore();
    await step(store, [[DEP, deployment(1)]], { now: T0, pool: '', mode });
    await step(store, [[DEP, deployment(3)]], { now: new Date(T0.getTime() + 60_000), pool: '', mode });
    await step(store, [[DEP, deployment(2)]], { now: new Date(T0.getTime() + 120_000), pool: '', mode });
    const got = await events(store);
    const scaling = got.filter((l) => l.includes('ScalingReplicaSet')).map((l) => l.replace(/web-\w+/, 'RS'));
    expect(scaling.sort()).toEqual([
      'Deployment/web Normal ScalingReplicaSet: Scaled down replica set RS from 3 to 2 (deployment-controller) x1',
      'Deployment/web Normal ScalingReplicaSet: Scaled up replica set RS from 0 to 1 (deployment-controller) x1',
      'Deployment/web Normal ScalingReplicaSet: Scaled up replica set RS from 1 to 3 (deployment-controller) x1',
    ]);
    expect(got.filter((l) => l.includes('SuccessfulCreate')).length).toBe(3);
    expect(got.filter((l) => l.includes('SuccessfulDelete')).length).toBe(1);
    expect(got.filter((l) => l.includes(' Scheduled:')).length).toBe(3);
  });

  it.each(modes)('a LoadBalancer Service gets an address ($mode)', async ({ mode }) => {
    const store = new MemoryStore();
    await step(store, [[svcKey('lb'), lb('lb')]], { now: T0, pool: '192.168.49.240/30', mode });
    expect(await events(store)).toEqual([
      'Service/lb Normal EnsuringLoadBalancer: Ensuring load balancer (service-controller) x1',
      'Service/lb Normal EnsuredLoadBalancer: Ensured load balancer (service-controller) x1',
    ]);
  });

  it.each(modes)('an exhausted pool: a Warning, aggregated when said again ($mode)', async ({ mode }) => {
    const store = new MemoryStore();
    const pool = '192.168.49.240-192.168.49.240';
    await step(store, [[svcKey('a'), lb('a')]], { now: T0, pool, mode });
    await step(store, [[svcKey('b'), lb('b')]], { now: new Date(T0.getTime() + 10_000), pool, mode });
    await step(store, [[svcKey('b'), { ...lb('b'), metadata: { ...lb('b').metadata, labels: { x: 'y' } } }]], { now: new Date(T0.getTime() + 70_000), pool, mode });
    const warn = ((await store.list('/registry/events/')) as KubeEvent[]).filter((e) => e.type === 'Warning');
    expect(warn.map((e) => [e.reason, e.message, e.source.component, e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([
      ['AllocationFailed', 'Failed to allocate IP for "default/b": no available IPs', 'metallb-controller', 2, '2025-01-01T00:00:10Z', '2025-01-01T00:01:10Z'],
    ]);
  });
});

describe('eventsForChange', () => {
  const rsOwned = (replicas: number): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-abc', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd', controller: true }] },
    spec: { replicas, selector: {}, template: {} },
  });
  const cases = [
    { name: 'replicas unchanged: nothing', old: rsOwned(2), cur: rsOwned(2), want: [] },
    { name: 'scale down', old: rsOwned(3), cur: rsOwned(1), want: ['ScalingReplicaSet Scaled down replica set web-abc from 3 to 1'] },
    { name: 'a deleted ReplicaSet says nothing', old: rsOwned(3), cur: undefined, want: [] },
    { name: 'a Service that is not a LoadBalancer', old: undefined, cur: { ...lb('x'), spec: { type: 'ClusterIP' } }, want: [] },
  ];
  it.each(cases)('$name', ({ old, cur, want }) => {
    expect(eventsForChange(old, cur as KubeObject | undefined).map((e) => `${e.reason} ${e.message}`)).toEqual(want);
  });
});

describe('naming and wording helpers', () => {
  it.each([
    { name: 'name suffix is UnixNano in hex', got: eventNameSuffix(T0, 0), want: '1816687ec0570000' },
    { name: 'sequence adds nanoseconds', got: eventNameSuffix(T0, 3), want: '1816687ec0570003' },
    { name: 'micro time', got: microTime(new Date('2025-01-01T00:00:01.5Z')), want: '2025-01-01T00:00:01.500000Z' },
    { name: 'no pool: no warning', got: String(allocationFailure(lb('a'), '')), want: 'undefined' },
    {
      name: 'requested address taken',
      got: allocationFailure({ ...lb('a'), spec: { ...lb('a').spec, loadBalancerIP: '10.0.0.9' } }, '10.0.0.8/30')!.message,
      want: 'Failed to allocate IP for "default/a": requested IP "10.0.0.9" is not available',
    },
  ])('$name', ({ got, want }) => expect(got).toBe(want));
});
