import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Pod, Service } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import type { StoreTxn } from '../store/store.js';
import { runControllers } from './runner.js';
import { seededRandom } from './names.js';
import { SIM_READY_ANNOTATION } from './kubelet.js';

const cluster = {
  clusterDomain: 'cluster.local',
  nodes: [
    { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' },
    { name: 'node-2', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' },
    { name: 'node-3', podCIDR: '10.244.3.0/24', internalIP: '172.18.0.4' },
  ],
};

const deployment = (replicas: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 80 }] }] },
    },
  },
});

const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 's-uid' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

async function setup(replicas: number) {
  const store = new MemoryStore();
  let clock = Date.parse('2025-01-01T00:00:00Z');
  const random = seededRandom(42);
  const run = (deleted: KubeObject[] = []) =>
    store.transaction((tx) => runControllers(tx, { now: new Date(clock), random, cluster, deleted }));
  await store.transaction(async (tx) => {
    await tx.create('/registry/deployments/default/web', deployment(replicas));
    await tx.create('/registry/services/specs/default/web', service);
  });
  const result = await run();
  return {
    store,
    run,
    result,
    advance: (s: number) => (clock += s * 1000),
    pods: async () => (await store.list('/registry/pods/default/')) as Pod[],
    slices: async () => (await store.list('/registry/endpointslices/default/')) as EndpointSlice[],
    endpoints: async () => (await store.get('/registry/services/endpoints/default/web')) as Endpoints,
  };
}

const readyEndpoints = (slices: EndpointSlice[]) =>
  slices
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready)
    .map((e) => e.addresses[0])
    .sort();

describe('runControllers', () => {
  it('settles a 3-replica deployment into 3 pods spread over 3 nodes behind one ready slice', async () => {
    const h = await setup(3);
    expect(h.result.converged).toBe(true);
    const pods = await h.pods();
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(pods.map((p) => p.status?.podIP).sort()).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
    for (const p of pods) expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const slices = await h.slices();
    expect(slices).toHaveLength(1);
    expect(readyEndpoints(slices)).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
    expect(slices[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    const ep = await h.endpoints();
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
    const d = (await h.store.get('/registry/deployments/default/web')) as Deployment;
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect((d.status!.conditions as { type: string; reason: string }[]).map((c) => `${c.type}/${c.reason}`)).toEqual([
      'Available/MinimumReplicasAvailable',
      'Progressing/NewReplicaSetAvailable',
    ]);
  });

  it('writes nothing when run again on a settled cluster', async () => {
    const h = await setup(3);
    const rev = await h.store.revision();
    const again = await h.run();
    expect(again).toEqual({ iterations: 1, writes: 0, converged: true });
    expect(await h.store.revision()).toBe(rev);
  });

  it('replaces a deleted pod with a new name and a new IP (host-local round robin) on the least loaded node', async () => {
    const h = await setup(3);
    const victim = (await h.pods())[0];
    await h.store.transaction(async (tx) => tx.delete(`/registry/pods/default/${victim.metadata.name}`));
    await h.run();
    const pods = await h.pods();
    expect(pods).toHaveLength(3);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    const replacement = pods.find((p) => p.spec.nodeName === victim.spec.nodeName)!;
    expect(replacement.status?.podIP).not.toBe(victim.status?.podIP);
    expect(replacement.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(readyEndpoints(await h.slices())).toHaveLength(3);
  });

  it('marks an endpoint not ready when its pod turns unready', async () => {
    const h = await setup(3);
    const pod = (await h.pods())[0];
    pod.metadata.annotations = { [SIM_READY_ANNOTATION]: 'false' };
    await h.store.transaction(async (tx) => tx.put(`/registry/pods/default/${pod.metadata.name}`, pod));
    await h.run();
    const eps = (await h.slices()).flatMap((s) => s.endpoints ?? []);
    const mine = eps.find((e) => e.targetRef?.name === pod.metadata.name)!;
    expect(mine.conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(readyEndpoints(await h.slices())).toHaveLength(2);
    const ep = await h.endpoints();
    expect(ep.subsets?.[0].notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual([pod.metadata.name]);
  });

  it('scales to 5: two more pods, five ready endpoints', async () => {
    const h = await setup(3);
    const d = (await h.store.get('/registry/deployments/default/web')) as Deployment;
    d.spec.replicas = 5;
    await h.store.transaction(async (tx) => tx.put('/registry/deployments/default/web', d));
    await h.run();
    const pods = await h.pods();
    expect(pods).toHaveLength(5);
    expect(readyEndpoints(await h.slices())).toHaveLength(5);
    const perNode = pods.map((p) => p.spec.nodeName).sort();
    expect(perNode).toEqual(['node-1', 'node-1', 'node-2', 'node-2', 'node-3']);
  });

  it('honours readinessProbe.initialDelaySeconds on the simulated clock', async () => {
    const store = new MemoryStore();
    const d = deployment(1);
    d.spec.template.spec.containers[0].readinessProbe = { initialDelaySeconds: 10 };
    let now = Date.parse('2025-01-01T00:00:00Z');
    const random = seededRandom(1);
    await store.transaction(async (tx) => {
      await tx.create('/registry/deployments/default/web', d);
      await tx.create('/registry/services/specs/default/web', service);
    });
    const run = () => store.transaction((tx) => runControllers(tx, { now: new Date(now), random, cluster }));
    await run();
    let slices = (await store.list('/registry/endpointslices/default/')) as EndpointSlice[];
    expect(readyEndpoints(slices)).toEqual([]);
    now += 10_000;
    await run();
    slices = (await store.list('/registry/endpointslices/default/')) as EndpointSlice[];
    expect(readyEndpoints(slices)).toEqual(['10.244.1.2']);
  });

  it('deletes the ReplicaSet, pods and slices of deleted owners', async () => {
    const h = await setup(2);
    await h.store.transaction(async (tx) => {
      await tx.delete('/registry/deployments/default/web');
      await tx.delete('/registry/services/specs/default/web');
    });
    await h.run([service]);
    expect(await h.pods()).toEqual([]);
    expect(await h.slices()).toEqual([]);
    expect(await h.store.list('/registry/replicasets/')).toEqual([]);
    expect(await h.store.get('/registry/services/endpoints/default/web')).toBeUndefined();
  });

  it.each([
    { name: 'an owner recreated under its name (new uid) takes its dependents away', uid: 'd-uid-2', replaced: true },
    { name: 'an owner kept (same uid) keeps them', uid: 'd-uid', replaced: false },
  ])('garbage collection by owner uid: $name', async ({ uid, replaced }) => {
    const h = await setup(2);
    const [oldRs] = (await h.store.list('/registry/replicasets/default/')) as KubeObject[];
    const oldPods = (await h.pods()).map((p) => p.metadata.uid).sort();
    await h.store.transaction(async (tx) => {
      const d = deployment(2);
      await tx.put('/registry/deployments/default/web', { ...d, metadata: { ...d.metadata, uid } });
    });
    await h.run();
    const rs = (await h.store.list('/registry/replicasets/default/')) as KubeObject[];
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences?.[0].uid).toBe(uid);
    expect(rs[0].metadata.uid === oldRs.metadata.uid).toBe(!replaced);
    const pods = await h.pods();
    expect(pods).toHaveLength(2);
    const kept = pods.filter((p) => oldPods.includes(p.metadata.uid!));
    expect(kept).toHaveLength(replaced ? 0 : 2);
  });
});

describe('runControllers: a node whose pod range is full', () => {
  // One node with a /29: five addresses to give (.2-.6), as NodeIPs counts them.
  const small = { clusterDomain: 'cluster.local', nodes: [{ name: 'node-1', podCIDR: '10.244.1.0/29', internalIP: '172.18.0.2' }] };

  it.each([
    { mode: 'full resync', targeted: false },
    { mode: 'targeted', targeted: true },
  ])('gives no address twice; the pods it cannot address stay Pending, bound, without one ($mode)', async ({ targeted }) => {
    const store = new MemoryStore();
    const created = await store.transaction((tx) => tx.create('/registry/deployments/default/web', deployment(8)));
    await store.transaction((tx) =>
      runControllers(tx, { now: new Date('2025-01-01T00:00:00Z'), random: seededRandom(7), cluster: small, ...(targeted ? { changed: [created] } : {}) }),
    );
    const pods = (await store.list('/registry/pods/default/')) as Pod[];
    expect(pods).toHaveLength(8);
    const addressed = pods.filter((p) => p.status?.podIP);
    expect(addressed.map((p) => p.status!.podIP).sort()).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4', '10.244.1.5', '10.244.1.6']);
    expect(addressed.every((p) => p.status?.phase === 'Running')).toBe(true);
    const waiting = pods.filter((p) => !p.status?.podIP);
    expect(waiting).toHaveLength(3);
    for (const p of waiting) {
      expect(p.spec.nodeName).toBe('node-1');
      // What the apiserver gave it on create, and nothing from a kubelet.
      expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    }
  });
});

describe('runControllers (full resync) store reads', () => {
  /** Runs a full resync of a new 3-replica Deployment and its Service, counting the store's get() by directory. */
  async function countGets(): Promise<Map<string, number>> {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.create('/registry/deployments/default/web', deployment(3));
      await tx.create('/registry/services/specs/default/web', service);
    });
    const gets = new Map<string, number>();
    await store.transaction((tx) => {
      const counted: StoreTxn = {
        ...tx,
        get: (key) => {
          const dir = key.slice(0, key.lastIndexOf('/') + 1);
          gets.set(dir, (gets.get(dir) ?? 0) + 1);
          return tx.get(key);
        },
      };
      return runControllers(counted, { now: new Date('2025-01-01T00:00:00Z'), random: seededRandom(42), cluster });
    });
    return gets;
  }

  it('reads an object it listed or updated from memory: no get() of the pods, ReplicaSets or Deployment it updates and reports on', async () => {
    const gets = await countGets();
    for (const dir of ['/registry/pods/default/', '/registry/replicasets/default/', '/registry/deployments/default/']) expect(gets.get(dir) ?? 0).toBe(0);
    // The events recorder still asks whether each Event name is free.
    expect(gets.get('/registry/events/default/')).toBeGreaterThan(0);
  });
});
