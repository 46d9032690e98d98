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
import { endpointSliceView, endpointsView, isPodView, VIEW_VERSION, podView } from './views.js';
import { endpointSliceViewsUnchanged, reconcileEndpointSlices } from './endpointslice.js';
import { endpointsViewUnchanged, reconcileEndpoints } from './endpoints.js';
import { pod, svc } from './fixtures.test-util.js';
import type { EndpointSlice, Endpoints, Service } from '../api/types.js';
import { runControllers } from './runner.js';
import type { ClusterNode, ClusterSettings } from './scheduler.js';
import { keyOf, Writer } from './writer.js';

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
/** The pod as the kubelet on node-1 first reports it at t0, given .2 of its range. */
const synced = (pod: Pod): Pod => kubeletSync({ ...pod, status: { ...pod.status, podIP: '10.244.1.2' } }, node, t0) as Pod;

describe('podView', () => {
  it('keeps only the fields the resync readers use', () => {
    const pod = synced(bare('a', [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { initialDelaySeconds: 3, httpGet: { port: 80 } }, env: [{ name: 'X', value: 'y' }] }]));
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid', controller: true }];
    pod.spec.hostname = 'h';
    pod.spec.subdomain = 's';
    const view = podView(pod);
    expect(view.metadata).toEqual(pod.metadata); // synced() gave it no creation time
    expect(view.spec).toEqual({ nodeName: 'node-1', hostname: 'h', subdomain: 's', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { initialDelaySeconds: 3 } }] });
    expect(view.status).toEqual({
      phase: 'Running',
      podIP: '10.244.1.2',
      hostIP: '172.18.0.2',
      startTime: '2025-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    expect(view.kubelet).toBe('notReady');
    expect(isPodView(view)).toBe(true);
    expect(isPodView(pod)).toBe(false);
  });

  it('leaves out metadata, annotations, containers and statuses no reader of views looks at', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'a',
        generateName: 'web-',
        namespace: 'default',
        uid: 'u',
        resourceVersion: '7',
        creationTimestamp: '2025-01-01T00:00:00Z',
        deletionTimestamp: '2025-01-01T00:01:00Z',
        finalizers: ['x'],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', [SIM_READY_ANNOTATION]: 'false', 'controller.kubernetes.io/pod-deletion-cost': '5' },
      },
      spec: {
        containers: [
          { name: 'plain', image: 'nginx', ports: [{ containerPort: 80 }] },
          { name: 'named', image: 'nginx', ports: [{ containerPort: 81 }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }] },
        ],
        initContainers: [
          { name: 'setup', image: 'busybox', ports: [{ name: 'setup', containerPort: 1 }] },
          { name: 'proxy', image: 'envoy', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] },
        ],
      },
    };
    expect(podView(pod)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'a',
        namespace: 'default',
        uid: 'u',
        deletionTimestamp: '2025-01-01T00:01:00Z',
        annotations: { [SIM_READY_ANNOTATION]: 'false' },
      },
      spec: {
        containers: [{ name: 'named', ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] }],
        initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }],
      },
      partial: true,
    });
  });

  it.each([
    { name: 'podIPs beyond podIP', status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] }, want: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] } },
    { name: 'podIPs without podIP', status: { podIPs: [{ ip: '10.0.0.1' }] }, want: { podIPs: [{ ip: '10.0.0.1' }] } },
    { name: 'podIPs the same as podIP', status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] }, want: { podIP: '10.0.0.1' } },
    { name: 'no restart counts (they rank pods for deletion: read in full)', status: { containerStatuses: [{ restartCount: 2, name: 'd' }] }, want: {} },
  ])('keeps $name as the readers see it', ({ status, want }) => {
    expect(podView({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [] }, status }).status).toEqual(want);
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
    expect(kubeletSync(ready, node, at(100))).toBe('unchanged');
    expect(kubeletSync(delayed, node, at(10))).toBe('unchanged');
    expect(kubeletSync(delayed, node, at(30))).not.toBe('unchanged');
  });
});

describe('telling from views that the endpoints controllers have nothing to do', () => {
  const sliceOpts = () => ({ random: seededRandom(5) });
  const pods = ['a', 'b', 'c'].map((n, i) => pod(n, `10.244.1.${i + 2}`));
  /** The slices and Endpoints the controllers made for svc() and `pods`, as stored. */
  const settled = (service: Service, ps: Pod[]) => {
    const slices = reconcileEndpointSlices(service, ps, [], sliceOpts()).create.map((sl, i) => ({ ...sl, metadata: { ...sl.metadata, name: `web-${i}`, uid: `slice-${i}` } }));
    const ep = reconcileEndpoints(service, ps, undefined) as Endpoints;
    return { slices, ep };
  };
  const base = settled(svc(), pods);
  const many = Array.from({ length: 150 }, (_, i) => pod(`p${i}`, `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}`));
  type Case = { name: string; service: Service; pods: Pod[]; slices: EndpointSlice[]; ep: Endpoints; slicesKept: boolean; endpointsKept: boolean };
  const cases: Case[] = [
    { name: 'as the controllers left them', service: svc(), pods, ...base, slicesKept: true, endpointsKept: true },
    { name: 'endpoints stored in another order', service: svc(), pods, slices: base.slices.map((sl) => ({ ...sl, endpoints: [...(sl.endpoints ?? [])].reverse() })), ep: base.ep, slicesKept: true, endpointsKept: true },
    {
      name: 'an endpoint stored twice',
      service: svc(),
      pods,
      slices: base.slices.map((sl) => ({ ...sl, endpoints: [...(sl.endpoints ?? []), sl.endpoints![0]] })),
      ep: base.ep,
      slicesKept: false,
      endpointsKept: true,
    },
    { name: 'a pod no longer ready', service: svc(), pods: [pods[0], pods[1], pod('c', '10.244.1.4', { ready: false })], ...base, slicesKept: false, endpointsKept: false },
    { name: 'a pod more', service: svc(), pods: [...pods, pod('d', '10.244.1.5')], ...base, slicesKept: false, endpointsKept: false },
    { name: 'a pod fewer', service: svc(), pods: pods.slice(1), ...base, slicesKept: false, endpointsKept: false },
    { name: 'the Service relabelled', service: svc({}, { team: 'a' }), pods, ...base, slicesKept: false, endpointsKept: false },
    { name: 'another targetPort', service: svc({ ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }] }), pods, ...base, slicesKept: false, endpointsKept: false },
    { name: 'slices of an older Service of that name', service: { ...svc(), metadata: { ...svc().metadata, uid: 'new-uid' } }, pods, ...base, slicesKept: false, endpointsKept: true },
    {
      name: 'Endpoints marked truncated',
      service: svc(),
      pods,
      slices: base.slices,
      ep: { ...base.ep, metadata: { ...base.ep.metadata, annotations: { 'endpoints.kubernetes.io/over-capacity': 'truncated' } } },
      slicesKept: true,
      endpointsKept: false,
    },
    { name: 'no pods (a placeholder slice)', service: svc(), pods: [], ...settled(svc(), []), slicesKept: false, endpointsKept: true },
    { name: 'over 100 endpoints (a port map in several slices)', service: svc(), pods: many, ...settled(svc(), many), slicesKept: false, endpointsKept: true },
  ];

  it.each(cases)('$name: slices kept $slicesKept, Endpoints kept $endpointsKept; never when the controllers would write', (c) => {
    const slicesKept = endpointSliceViewsUnchanged(c.service, c.pods, c.slices.map(endpointSliceView), sliceOpts());
    if (slicesKept) expect(reconcileEndpointSlices(c.service, c.pods, c.slices, sliceOpts())).toEqual({ create: [], update: [], delete: [] });
    const endpointsKept = endpointsViewUnchanged(c.service, c.pods, endpointsView(c.ep));
    if (endpointsKept) expect(reconcileEndpoints(c.service, c.pods, c.ep)).toBe('unchanged');
    expect({ slicesKept, endpointsKept }).toEqual({ slicesKept: c.slicesKept, endpointsKept: c.endpointsKept });
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
  const views = async (store: SqliteStore) => ((await store.listViews('/registry/pods/')) ?? []).map((v) => v.metadata.name);

  it('written, replaced and deleted with the pod, in the same transaction', async () => {
    const store = new SqliteStore(tempDir());
    await store.transaction(async (tx) => {
      await tx.create('/registry/pods/default/a', synced(bare('a')));
      await tx.create('/registry/pods/other/b', { ...bare('b'), metadata: { ...bare('b').metadata, namespace: 'other' } });
      await tx.create('/registry/services/specs/default/a', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'default' } });
    });
    expect(await views(store)).toEqual(['a', 'b']);
    expect(await store.listViews('/registry/services/')).toBeUndefined();
    const [a] = (await store.listViews('/registry/pods/default/'))!;
    expect(a).toEqual(podView((await store.get('/registry/pods/default/a')) as Pod));
    expect(a.metadata.name).toBe('a');

    await store.transaction(async (tx) => {
      await tx.put('/registry/pods/default/a', { ...synced(bare('a')), metadata: { ...bare('a').metadata, labels: { app: 'api' } } });
    });
    expect((await store.listViews('/registry/pods/default/'))![0].metadata.labels).toEqual({ app: 'api' });

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

  /** A state directory holding the pods `names`, written by the store (views kept), and closed. */
  async function stateWithPods(...names: string[]): Promise<string> {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    await store.transaction(async (tx) => {
      for (const n of names) await tx.create(`/registry/pods/default/${n}`, synced(bare(n)));
    });
    await store.close();
    return dir;
  }

  /** Runs SQL on the state file behind the store's back. */
  function execBehind(dir: string, sql: string): void {
    const db = new Database(join(dir, 'state.db'));
    db.exec(sql);
    db.close();
  }

  it('rebuilds the views of a state file from before they were kept, kept by another version, or last written without them', async () => {
    const dir = await stateWithPods('a', 'b');
    for (const stale of [
      "DROP TABLE views; DELETE FROM meta WHERE name = 'views'",
      `UPDATE meta SET value = ${VIEW_VERSION + 1} WHERE name = 'views'; UPDATE views SET value = '{}'`,
      // Written last by a svcctl that kept no views: a pod without its view.
      `INSERT INTO objects (key, value, mod_revision) SELECT '/registry/pods/default/c', replace(value, '"a"', '"c"'), 3 FROM objects WHERE key = '/registry/pods/default/a'; UPDATE meta SET value = 3 WHERE name = 'revision'`,
      // Kept by a version whose table had other columns.
      `DROP TABLE views; CREATE TABLE views (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID; UPDATE meta SET value = ${VIEW_VERSION - 1} WHERE name = 'views'`,
    ]) {
      execBehind(dir, stale);
      const store = new SqliteStore(dir);
      const pods = (await store.list('/registry/pods/')) as Pod[];
      expect(await store.listViews('/registry/pods/')).toEqual(pods.map(podView));
      await store.close();
    }
    const store = new SqliteStore(dir);
    expect(await views(store)).toEqual(['a', 'b', 'c']);
    await store.close();
  });

  it('keeps views current without rebuilding them: a state file it wrote last is trusted', async () => {
    const dir = await stateWithPods('a');
    // A view changed behind the store's back stays as it is: the store wrote last, so it is not rebuilt.
    execBehind(dir, `UPDATE views SET value = replace(value, '"web"', '"marked"')`);
    const store = new SqliteStore(dir);
    expect((await store.listViews('/registry/pods/'))![0].metadata.labels).toEqual({ app: 'marked' });
    await store.close();
  });
});

/** Every object of the store, by key. */
async function dump(store: Store): Promise<Record<string, KubeObject>> {
  const out: Record<string, KubeObject> = {};
  for (const o of await store.list('/')) out[`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`] = o;
  return out;
}

describe('a full resync reading views', () => {
  /**
   * Writes `pods`, then resyncs at each of `times`; before the second, `edit` is given every stored
   * object and what it returns is stored in its place.
   */
  async function play(store: Store, pods: Pod[], times: Date[], edit?: (o: KubeObject) => KubeObject | undefined): Promise<Record<string, KubeObject>> {
    const random = seededRandom(3);
    await store.transaction(async (tx) => {
      for (const p of pods) await tx.create(`/registry/pods/${p.metadata.namespace}/${p.metadata.name}`, p);
    });
    for (const [i, now] of times.entries()) {
      await store.transaction(async (tx) => {
        if (i === 1 && edit) {
          for (const o of await tx.list('/registry/')) {
            const next = edit(structuredClone(o));
            if (next) await tx.put(keyOf(o), next);
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
  const edited = <T extends KubeObject>(kind: string, name: string, fn: (o: T) => void) => (o: KubeObject): KubeObject | undefined => {
    if (o.kind !== kind || o.metadata.name !== name) return undefined;
    fn(o as T);
    return o;
  };
  const manyPods = Array.from({ length: 120 }, (_, i) => bare(`p${i}`, structuredClone(withPort)));
  const scenarios: { name: string; pods: Pod[]; times: Date[]; edit?: (o: KubeObject) => KubeObject | undefined; objects?: KubeObject[] }[] = [
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
      edit: edited<Pod>('Pod', 'a', (p) => (p.metadata.annotations = { [SIM_READY_ANNOTATION]: 'false' })),
      objects: [svc],
    },
    {
      name: 'a node at a new address: every pod on it is synced again',
      pods: [bare('a', withPort)],
      times: [t0, at(1)],
      edit: edited<Pod>('Pod', 'a', (p) => (p.status = { ...p.status, hostIP: '172.18.9.9', hostIPs: [{ ip: '172.18.9.9' }] })),
      objects: [svc],
    },
    {
      // Ranked for deletion by what views leave out: creation time, then deletion cost.
      name: 'orphans adopted and the surplus deleted by a ReplicaSet',
      pods: [
        { ...bare('a', withPort), metadata: { ...bare('a').metadata, creationTimestamp: '2024-12-01T00:00:00Z' } },
        { ...bare('b', withPort), metadata: { ...bare('b').metadata, creationTimestamp: '2024-12-01T00:00:05Z' } },
        { ...bare('c', withPort), metadata: { ...bare('c').metadata, creationTimestamp: '2024-12-01T00:00:03Z' } },
        { ...bare('d', withPort), metadata: { ...bare('d').metadata, creationTimestamp: '2024-12-01T00:00:01Z', annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } } },
      ],
      times: [t0, at(1), at(2)],
      objects: [rs, svc],
    },
    {
      // Available after minReadySeconds: told by the Ready condition's transition time.
      name: 'a ReplicaSet with minReadySeconds counts its pods available in time',
      pods: [],
      times: [t0, at(3), at(6), at(12)],
      objects: [{ ...rs, spec: { ...(rs.spec as object), minReadySeconds: 5 } }],
    },
    {
      name: 'a Service relabelled: its Endpoints and slices follow',
      pods: [bare('a', withPort)],
      times: [t0, at(1)],
      edit: edited<Service>('Service', 'web', (o) => (o.metadata.labels = { team: 'a' })),
      objects: [svc],
    },
    {
      name: 'a Service made headless',
      pods: [bare('a', withPort)],
      times: [t0, at(1)],
      edit: edited<Service>('Service', 'web', (o) => (o.spec.clusterIP = 'None')),
      objects: [svc],
    },
    {
      name: 'an endpoint changed by hand is put back',
      pods: [bare('a', withPort), bare('b', withPort)],
      times: [t0, at(1)],
      edit: (o) => {
        if (o.kind === 'EndpointSlice' && o.metadata.labels?.['kubernetes.io/service-name'] === 'web') (o as EndpointSlice).endpoints![0].nodeName = 'node-9';
        else if (o.kind === 'Endpoints' && o.metadata.name === 'web') (o as Endpoints).subsets![0].addresses![0].nodeName = 'node-9';
        else return undefined;
        return o;
      },
      objects: [svc],
    },
    {
      name: 'a port map over several slices',
      pods: manyPods,
      times: [t0, at(1)],
      edit: edited<Pod>('Pod', 'p7', (p) => (p.metadata.labels = { app: 'other' })),
      objects: [svc],
    },
    {
      name: 'Endpoints of a Service without selector are mirrored',
      pods: [],
      times: [t0, at(1)],
      edit: edited<Endpoints>('Endpoints', 'external', (o) => o.subsets![0].addresses!.push({ ip: '192.168.1.11' })),
      objects: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external', namespace: 'default', uid: 'ext-uid' }, spec: { clusterIP: '10.96.0.11', ports: [{ port: 80, protocol: 'TCP' }] } },
        { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'default', uid: 'ext-ep-uid' }, subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 80, protocol: 'TCP' }] }] },
      ],
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
        for (const o of objects) await tx.create(keyOf(o), structuredClone(o));
      });
      results.push(await play(store, structuredClone(pods), times, edit));
      await store.close();
    }
    expect(Object.keys(results[1]).length).toBeGreaterThan(pods.length);
    expect(results[1]).toEqual(results[0]);
  });
});
