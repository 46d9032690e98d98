import { describe, expect, it } from 'vitest';
import { resourceByKind } from '../api/scheme.js';
import type { KubeObject, Service } from '../api/types.js';
import { createCluster } from '../cluster/bootstrap.js';
import { DEFAULT_CLUSTER } from '../cluster/config.js';
import { seededRandom } from '../allocators/random.js';
import { MemoryStore } from '../store/memory.js';
import { Registry } from './registry.js';

const now = () => new Date('2025-01-01T00:00:00Z');
const svcType = resourceByKind('Service')!;
const svc = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

describe('Registry: tentative allocation', () => {
  async function inOneTransaction(fn: (reg: Registry) => Promise<void>) {
    const store = new MemoryStore();
    await store.transaction((tx) => createCluster(tx, DEFAULT_CLUSTER, now, seededRandom(1)));
    await store.transaction(async (tx) => fn(new Registry(tx, { cluster: DEFAULT_CLUSTER, now, random: seededRandom(2) })));
  }

  it('gives back the node port and address of a Service refused after allocating', async () => {
    await inOneTransaction(async (reg) => {
      // Allocation runs before validation: this one takes 31000 and 10.96.0.40, then is refused.
      const bad = svc('bad', { type: 'NodePort', clusterIP: '10.96.0.40', ports: [{ name: 'Bad_Name', port: 80, nodePort: 31000 }] });
      await expect(reg.create(svcType, bad)).rejects.toMatchObject({ reason: 'Invalid' });
      const good = await reg.create(svcType, svc('good', { type: 'NodePort', clusterIP: '10.96.0.40', ports: [{ port: 80, nodePort: 31000 }] }));
      expect((good as Service).spec.ports?.[0].nodePort).toBe(31000);
    });
  });

  it('keeps the old node ports of a refused update, and frees them only when an update succeeds', async () => {
    await inOneTransaction(async (reg) => {
      const created = (await reg.create(svcType, svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 31001 }] }))) as Service;
      // Refused: the type change would free 31001, but the update fails validation.
      const refused = { ...created, spec: { ...created.spec, type: 'ClusterIP', ports: [{ name: 'Bad_Name', port: 80 }] } };
      await expect(reg.update(svcType, refused)).rejects.toMatchObject({ reason: 'Invalid' });
      await expect(reg.create(svcType, svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 31001 }] }))).rejects.toThrow(
        /provided port is already allocated/,
      );
      // Accepted: now 31001 is free for someone else.
      const current = (await reg.get(svcType, 'default', 'web')) as Service;
      await reg.update(svcType, { ...current, spec: { ...current.spec, type: 'ClusterIP', ports: [{ port: 80 }] } });
      await reg.create(svcType, svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 31001 }] }));
    });
  });
});

describe('Registry: generateName', () => {
  it.each([
    { name: 'a short prefix keeps all of it', prefix: 'web-', kept: 'web-' },
    { name: 'a long prefix is cut to 58 bytes (SimpleNameGenerator)', prefix: `${'a'.repeat(70)}-`, kept: 'a'.repeat(58) },
  ])('$name, then 5 characters of the name alphabet', async ({ prefix, kept }) => {
    const store = new MemoryStore();
    await store.transaction((tx) => createCluster(tx, DEFAULT_CLUSTER, now, seededRandom(1)));
    const cmType = resourceByKind('ConfigMap')!;
    const created = await store.transaction(async (tx) =>
      new Registry(tx, { cluster: DEFAULT_CLUSTER, now, random: seededRandom(2) }).create(cmType, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { generateName: prefix, namespace: 'default' },
      }),
    );
    const name = created.metadata.name!;
    expect(name.slice(0, kept.length)).toBe(kept);
    expect(name.slice(kept.length)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('Registry: an update that changes nothing', () => {
  const podType = resourceByKind('Pod')!;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  async function withPod(fn: (reg: Registry, stored: KubeObject, store: MemoryStore) => Promise<void>) {
    const store = new MemoryStore();
    await store.transaction((tx) => createCluster(tx, DEFAULT_CLUSTER, now, seededRandom(1)));
    const stored = await store.transaction((tx) => new Registry(tx, { cluster: DEFAULT_CLUSTER, now, random: seededRandom(2) }).create(podType, structuredClone(pod)));
    await store.transaction((tx) => fn(new Registry(tx, { cluster: DEFAULT_CLUSTER, now, random: seededRandom(3) }), stored, store));
  }

  it.each([
    { name: 'the stored object sent back', edit: (o: KubeObject) => o },
    { name: 'a defaulted field left out (defaulting puts it back)', edit: (o: KubeObject) => ({ ...o, spec: { ...(o.spec as object), restartPolicy: undefined } }) },
  ])('keeps the version and writes nothing: $name', async ({ edit }) => {
    await withPod(async (reg, stored, store) => {
      const before = await store.revision();
      const out = await reg.update(podType, edit(structuredClone(stored)));
      expect(out.metadata.resourceVersion).toBe(stored.metadata.resourceVersion);
      expect(await store.revision()).toBe(before);
      expect(reg.changed).toEqual([]);
    });
  });

  it('still conflicts on a stale version', async () => {
    await withPod(async (reg, stored) => {
      await expect(reg.update(podType, { ...stored, metadata: { ...stored.metadata, resourceVersion: '1' } })).rejects.toMatchObject({ reason: 'Conflict' });
    });
  });

  it('a real change gets a new version', async () => {
    await withPod(async (reg, stored) => {
      const out = await reg.update(podType, { ...stored, metadata: { ...stored.metadata, labels: { a: 'c' } } });
      expect(Number(out.metadata.resourceVersion)).toBeGreaterThan(Number(stored.metadata.resourceVersion));
    });
  });
});

describe('Registry: a created Pod', () => {
  const podType = resourceByKind('Pod')!;
  const podWith = (resources: object | undefined, status?: object): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(resources ? { resources } : {}) }] },
    ...(status ? { status } : {}),
  });

  it.each([
    { name: 'no resources', pod: podWith(undefined), want: { phase: 'Pending', qosClass: 'BestEffort' } },
    { name: 'limits alone (requests default to them)', pod: podWith({ limits: { cpu: '1', memory: '1Gi' } }), want: { phase: 'Pending', qosClass: 'Guaranteed' } },
    { name: 'a request alone', pod: podWith({ requests: { memory: '64Mi' } }), want: { phase: 'Pending', qosClass: 'Burstable' } },
    {
      name: 'an address in the manifest is kept (it pins the node); the class is computed, not taken from it',
      pod: podWith(undefined, { podIP: '10.244.2.9', qosClass: 'Guaranteed' }),
      want: { podIP: '10.244.2.9', phase: 'Pending', qosClass: 'BestEffort' },
    },
  ])('is Pending with its QoS class: $name', async ({ pod, want }) => {
    const store = new MemoryStore();
    await store.transaction((tx) => createCluster(tx, DEFAULT_CLUSTER, now, seededRandom(1)));
    const created = await store.transaction((tx) => new Registry(tx, { cluster: DEFAULT_CLUSTER, now, random: seededRandom(2) }).create(podType, pod));
    expect(created.status).toEqual(want);
  });
});
