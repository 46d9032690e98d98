import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types.js';
import { MemoryStore } from '../store/memory.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { kubeletSync, SIM_READY_ANNOTATION, settledReadiness } from './kubelet.js';
import { seededRandom } from './names.js';
import { isPodView, POD_VIEW_VERSION, podView } from './pod-view.js';
import { runControllers } from './runner.js';
import type { ClusterNode, ClusterSettings } from './scheduler.js';
import { Writer } from './writer.js';

const node: ClusterNode = { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' };
const cluster: ClusterSettings = { clusterDomain: 'cluster.local', nodes: [node, { name: 'node-2', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' }] };
const t0 = new Date('2025-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const bare = (name: string, containers: Pod['spec']['containers'] = [{ name: 'c', image: 'nginx' }], annotations?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `${name}-uid`, labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
  spec: { nodeName: 'node-1', containers },
});
/** The pod as the kubelet on node-1 first reports it at t0. */
const synced = (pod: Pod): Pod => kubeletSync(pod, node, [], t0) as Pod;

describe('podView', () => {
  it('keeps metadata whole and only the fields the resync readers use', () => {
    const pod = synced(bare('a', [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { initialDelaySeconds: 3, httpGet: { port: 80 } }, env: [{ name: 'X', value: 'y' }] }]));
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid', controller: true }];
    pod.spec.hostname = 'h';
    pod.spec.subdomain = 's';
    const view = podView(pod);
    expect(view.metadata).toEqual(pod.metadata);
    expect(view.spec).toEqual({ nodeName: 'node-1', hostname: 'h', subdomain: 's', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { initialDelaySeconds: 3 } }] });
    expect(view.status).toEqual({
      phase: 'Running',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      hostIP: '172.18.0.2',
      startTime: '2025-01-01T00:00:00Z',
      conditions: [pod.status!.conditions!.find((c) => c.type === 'Ready')],
      containerStatuses: [{ restartCount: 0 }],
    });
    expect(view.kubelet).toBe('notReady');
    expect(isPodView(view)).toBe(true);
    expect(isPodView(pod)).toBe(false);
  });

  it('a pod without status has a view without status', () => {
    expect(podView({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [] } })).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [] },
      partial: true,
    });
  });
});

describe('settledReadiness', () => {
  const ready = synced(bare('ready'));
  const delayed = synced(bare('delayed', [{ name: 'c', image: 'nginx', readinessProbe: { initialDelaySeconds: 30 } }]));
  const forced = synced(bare('forced', undefined, { [SIM_READY_ANNOTATION]: 'false' }));
  const cases: { name: string; pod: Pod; want: 'ready' | 'notReady' | undefined }[] = [
    { name: 'a pod the kubelet reported ready', pod: ready, want: 'ready' },
    { name: 'a pod waiting for its readiness delay', pod: delayed, want: 'notReady' },
    { name: 'a pod made not ready by sim ready', pod: forced, want: 'notReady' },
    { name: 'a pod never synced', pod: bare('new'), want: undefined },
    { name: 'a pod without a node', pod: { ...ready, spec: { ...ready.spec, nodeName: undefined } }, want: undefined },
    { name: 'a pod whose status lacks its container statuses', pod: { ...ready, status: { ...ready.status, containerStatuses: undefined } }, want: undefined },
    { name: 'a pod whose Ready condition disagrees with ContainersReady', pod: { ...ready, status: { ...ready.status, conditions: ready.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)) } }, want: undefined },
    { name: 'a pod that has ended', pod: { ...ready, status: { ...ready.status, phase: 'Succeeded' } }, want: undefined },
  ];
  it.each(cases)('$name: $want', ({ pod, want }) => {
    expect(settledReadiness(pod)).toBe(want);
  });

  it('agrees with the kubelet: the settled readiness is the one it leaves unchanged', () => {
    expect(kubeletSync(ready, node, [], at(100))).toBe('unchanged');
    expect(kubeletSync(delayed, node, [], at(10))).toBe('unchanged');
    expect(kubeletSync(delayed, node, [], at(30))).not.toBe('unchanged');
  });
});

describe('the Writer and views', () => {
  it('refuses to store a view, or an object made from one', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.create('/registry/pods/default/a', synced(bare('a')));
      const w = new Writer(tx, { now: t0, random: seededRandom(1) });
      const view = podView(synced(bare('a')));
      await expect(w.update(view)).rejects.toThrow('Pod default/a: a partial view cannot be written');
      await expect(w.update({ ...view, metadata: { ...view.metadata, labels: {} } })).rejects.toThrow('partial view');
      await expect(w.create({ ...view, metadata: { name: 'b', namespace: 'default' } })).rejects.toThrow('partial view');
    });
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'svcctl-podview-'));
  dirs.push(d);
  return d;
};

describe('SQLite keeps a view beside every pod', () => {
  const views = async (store: SqliteStore) => ((await store.listSummaries('/registry/pods/')) ?? []).map((v) => v.metadata.name);

  it('written, replaced and deleted with the pod, in the same transaction', async () => {
    const store = new SqliteStore(tempDir());
    await store.transaction(async (tx) => {
      await tx.create('/registry/pods/default/a', synced(bare('a')));
      await tx.create('/registry/pods/other/b', { ...bare('b'), metadata: { ...bare('b').metadata, namespace: 'other' } });
      await tx.create('/registry/services/specs/default/a', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'default' } });
    });
    expect(await views(store)).toEqual(['a', 'b']);
    expect(await store.listSummaries('/registry/services/')).toBeUndefined();
    const [a] = (await store.listSummaries('/registry/pods/default/'))!;
    expect(a).toEqual({ ...podView(synced(bare('a'))), metadata: { ...synced(bare('a')).metadata, resourceVersion: '1' } });

    await store.transaction(async (tx) => {
      await tx.put('/registry/pods/default/a', { ...synced(bare('a')), metadata: { ...bare('a').metadata, labels: { app: 'api' } } });
    });
    expect((await store.listSummaries('/registry/pods/default/'))![0].metadata.labels).toEqual({ app: 'api' });

    // A failed transaction leaves views and pods as they were.
    await expect(
      store.transaction(async (tx) => {
        await tx.delete('/registry/pods/default/a');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await views(store)).toEqual(['a', 'b']);

    await store.transaction(async (tx) => {
      await tx.delete('/registry/pods/default/a');
      await tx.deletePrefix('/registry/pods/other/');
    });
    expect(await views(store)).toEqual([]);
    await store.close();
  });

  it('rebuilds the views of a state file from before they were kept, or kept by another version', async () => {
    const dir = tempDir();
    let store = new SqliteStore(dir);
    await store.transaction(async (tx) => {
      await tx.create('/registry/pods/default/a', synced(bare('a')));
      await tx.create('/registry/pods/default/b', synced(bare('b')));
    });
    await store.close();
    for (const stale of ["DROP TABLE summaries; DELETE FROM meta WHERE name = 'summaries'", `UPDATE meta SET value = ${POD_VIEW_VERSION + 1} WHERE name = 'summaries'; UPDATE summaries SET value = '{}'`]) {
      const db = new Database(join(dir, 'state.db'));
      db.exec(stale);
      db.close();
      store = new SqliteStore(dir);
      expect(await views(store)).toEqual(['a', 'b']);
      expect((await store.listSummaries('/registry/pods/'))![0]).toEqual(podView((await store.get('/registry/pods/default/a')) as Pod));
      await store.close();
    }
  });
});

/** Every object of the store, by key. */
async function dump(store: Store): Promise<Record<string, KubeObject>> {
  const out: Record<string, KubeObject> = {};
  for (const o of await store.list('/')) out[`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`] = o;
  return out;
}

describe('a full resync reading views', () => {
  /** Writes `pods` (and `extra`), then resyncs at each of `times`, `edit` applied before the second. */
  async function play(store: Store, pods: Pod[], times: Date[], edit?: (p: Pod) => Pod | undefined): Promise<Record<string, KubeObject>> {
    const random = seededRandom(3);
    await store.transaction(async (tx) => {
      for (const p of pods) await tx.create(`/registry/pods/${p.metadata.namespace}/${p.metadata.name}`, p);
    });
    for (const [i, now] of times.entries()) {
      await store.transaction(async (tx) => {
        if (i === 1 && edit) {
          for (const p of (await tx.list('/registry/pods/')) as Pod[]) {
            const next = edit(p);
            if (next) await tx.put(`/registry/pods/${p.metadata.namespace}/${p.metadata.name}`, next);
          }
        }
        await runControllers(tx, { now, random, cluster });
      });
    }
    return dump(store);
  }

  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-rs', namespace: 'default', uid: 'web-rs-uid', generation: 1 },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'web-svc-uid' },
    spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] },
  };
  const withPort = [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }];
  const scenarios: { name: string; pods: Pod[]; times: Date[]; edit?: (p: Pod) => Pod | undefined; objects?: KubeObject[] }[] = [
    {
      name: 'probes become ready as time passes',
      pods: [bare('a', [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { initialDelaySeconds: 20 } }]), bare('b', withPort)],
      times: [t0, at(10), at(20), at(21)],
      objects: [svc],
    },
    {
      name: 'sim ready flips a settled pod',
      pods: [bare('a', withPort), bare('b', withPort)],
      times: [t0, at(1), at(2)],
      edit: (p) => (p.metadata.name === 'a' ? { ...p, metadata: { ...p.metadata, annotations: { [SIM_READY_ANNOTATION]: 'false' } } } : undefined),
      objects: [svc],
    },
    {
      name: 'a node at a new address: every pod on it is synced again',
      pods: [bare('a', withPort)],
      times: [t0, at(1)],
      edit: (p) => ({ ...p, status: { ...p.status, hostIP: '172.18.9.9', hostIPs: [{ ip: '172.18.9.9' }] } }),
      objects: [svc],
    },
    {
      name: 'orphans adopted and the surplus deleted by a ReplicaSet',
      pods: [bare('a', withPort), bare('b', withPort), bare('c', withPort)],
      times: [t0, at(1), at(2)],
      objects: [rs, svc],
    },
    {
      name: 'unscheduled and ended pods',
      pods: [{ ...bare('a'), spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { ...bare('b'), status: { phase: 'Failed' } }],
      times: [t0, at(1)],
    },
  ];

  it.each(scenarios)('$name: the same store as a resync of the full pods', async ({ pods, times, edit, objects = [] }) => {
    const stores: Store[] = [new MemoryStore(), new SqliteStore(tempDir())];
    const results: Record<string, KubeObject>[] = [];
    for (const store of stores) {
      await store.transaction(async (tx) => {
        for (const o of objects) {
          const plural = o.kind === 'Service' ? 'services/specs' : 'replicasets';
          await tx.create(`/registry/${plural}/${o.metadata.namespace}/${o.metadata.name}`, structuredClone(o));
        }
      });
      results.push(await play(store, structuredClone(pods), times, edit));
      await store.close();
    }
    expect(Object.keys(results[1]).length).toBeGreaterThan(pods.length);
    expect(results[1]).toEqual(results[0]);
  });
});
