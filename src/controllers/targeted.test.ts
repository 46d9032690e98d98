import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Pod, ReplicaSet, Service } from '../api/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MemoryStore } from '../store/memory.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store, StoreTxn } from '../store/store.js';
import { computePodTemplateHash } from './names.js';
import { controllerOf, isPodReady } from './common.js';
import { seededRandom } from './names.js';
import { POD_IP_RANGE_PREFIX } from './node-ips.js';
import { runControllers } from './runner.js';
import type { ClusterSettings } from './scheduler.js';

const cluster: ClusterSettings = {
  clusterDomain: 'cluster.local',
  lbPool: '192.168.49.240/30',
  nodes: [
    { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' },
    { name: 'node-2', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' },
    { name: 'node-3', podCIDR: '10.244.3.0/24', internalIP: '172.18.0.4' },
  ],
};

const deployment = (name: string, replicas: number, ns = 'default'): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, uid: `${ns}-${name}-uid`, generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] },
    },
  },
});

const service = (name: string, app: string, ns = 'default', type?: string): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, uid: `${ns}-${name}-svc-uid` },
  spec: { selector: { app }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], ...(type ? { type } : {}) },
});

const statefulSet = (name: string, replicas: number, image = 'nginx', policy = 'OrderedReady'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default', uid: `${name}-sts-uid`, generation: 1 },
  spec: {
    replicas,
    serviceName: name,
    podManagementPolicy: policy,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image, ports: [{ name: 'http', containerPort: 80 }] }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});
const stsKey = (n: string) => `/registry/statefulsets/default/${n}`;

const daemonSet = (name: string, image = 'fluent-bit', nodeSelector?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default', uid: `${name}-ds-uid`, generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
  spec: {
    selector: { matchLabels: { app: name } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image, ports: [{ name: 'http', containerPort: 80 }] }], ...(nodeSelector ? { nodeSelector } : {}) } },
  },
});
const dsKey = (n: string) => `/registry/daemonsets/default/${n}`;
/** The cluster's Node objects, as cluster init stores them (the DaemonSet controller reads these). */
const nodeObject = (name: string, labels: Record<string, string> = {}): [string, KubeObject] => [
  `/registry/minions/${name}`,
  { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `${name}-uid`, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: {} },
];
const withNodes = (...objs: [string, KubeObject][]): Step => create(nodeObject('node-1'), nodeObject('node-2'), nodeObject('node-3'), ...objs);

/** What a step did, as the registry reports it. */
interface Change {
  changed: KubeObject[];
  deleted: KubeObject[];
  previous: KubeObject[];
}
type Step = (tx: StoreTxn) => Promise<Change>;

const none = (): Change => ({ changed: [], deleted: [], previous: [] });
const depKey = (n: string, ns = 'default') => `/registry/deployments/${ns}/${n}`;
const svcKey = (n: string, ns = 'default') => `/registry/services/specs/${ns}/${n}`;

const create = (...objs: [string, KubeObject][]): Step => async (tx) => {
  const c = none();
  for (const [k, o] of objs) c.changed.push(await tx.create(k, o));
  return c;
};
const update = (key: string, fn: (o: KubeObject) => void): Step => async (tx) => {
  const old = (await tx.get(key))!;
  const o = structuredClone(old);
  fn(o);
  return { changed: [await tx.put(key, o)], previous: [old], deleted: [] };
};
const remove = (pick: (tx: StoreTxn) => Promise<string>): Step => async (tx) => {
  const key = await pick(tx);
  const old = (await tx.get(key))!;
  await tx.delete(key);
  return { changed: [], previous: [], deleted: [old] };
};
/** The pod on `node` with the lowest IP: the same pod in either mode, whatever its random name. */
const podOn = (node: string) => async (tx: StoreTxn): Promise<string> => {
  const pods = ((await tx.list('/registry/pods/default/')) as Pod[]).filter((p) => p.spec.nodeName === node);
  pods.sort((a, b) => (a.status!.podIP! < b.status!.podIP! ? -1 : 1));
  return `/registry/pods/default/${pods[0].metadata.name}`;
};
const relabelPodOn = (node: string, labels: Record<string, string>): Step => async (tx) => update(await podOn(node)(tx), (o) => (o.metadata.labels = labels))(tx);

/** The cluster's state with random names left out. */
async function summary(store: Store): Promise<Record<string, unknown>> {
  const pods = (await store.list('/registry/pods/')) as Pod[];
  const rss = (await store.list('/registry/replicasets/')) as ReplicaSet[];
  const deps = (await store.list('/registry/deployments/')) as Deployment[];
  const eps = (await store.list('/registry/services/endpoints/')) as Endpoints[];
  const slices = (await store.list('/registry/endpointslices/')) as EndpointSlice[];
  const svcs = (await store.list('/registry/services/specs/')) as Service[];
  const ranges = await store.list(POD_IP_RANGE_PREFIX);
  const sets = await store.list('/registry/statefulsets/');
  const daemons = await store.list('/registry/daemonsets/');
  const claims = await store.list('/registry/persistentvolumeclaims/');
  const revisions = await store.list('/registry/controllerrevisions/');
  return {
    statefulSets: sets.map((o) => `${o.metadata.name} ${JSON.stringify(o.status)}`),
    daemonSets: daemons.map((o) => `${o.metadata.name} ${JSON.stringify(o.status)}`),
    daemonPods: pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet').map((p) => `${p.spec.nodeName} ${p.metadata.labels?.['controller-revision-hash']} ${p.status?.phase}`).sort(),
    statefulPods: pods.filter((p) => controllerOf(p)?.kind === 'StatefulSet').map((p) => `${p.metadata.name} ${p.metadata.labels?.['controller-revision-hash']} ${p.spec.hostname}.${p.spec.subdomain}`),
    claims: claims.map((c) => c.metadata.name),
    revisions: revisions.map((r) => `${r.metadata.name} ${(r as unknown as { revision: number }).revision}`),
    pods: pods.map((p) => `${p.metadata.labels?.app} ${p.spec.nodeName} ${p.status?.podIP} ${p.status?.phase} ${isPodReady(p)}`).sort(),
    replicaSets: rss.map((r) => `${r.metadata.name} ${r.spec.replicas} ${JSON.stringify(r.status)}`),
    deployments: deps.map((d) => `${d.metadata.name} ${JSON.stringify(d.status)}`),
    endpoints: eps.map((e) => `${e.metadata.name} ${(e.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => `${a.ip}@${a.nodeName}`)).sort().join(',')}`),
    slices: slices
      .map((s) => `${s.metadata.labels?.['kubernetes.io/service-name']} ${JSON.stringify(s.ports)} ${(s.endpoints ?? []).map((e) => `${e.addresses[0]}@${e.nodeName}:${e.conditions?.ready}`).sort().join(',')}`)
      .sort(),
    lb: svcs.map((s) => `${s.metadata.name} ${JSON.stringify(s.status ?? {})}`),
    ranges: ranges.map((r) => `${r.metadata.name} ${(r as unknown as { data: string }).data}`),
  };
}

/** SQLite stores made by the tests (SQLite narrows the targeted reads inside the database). */
const sqliteDirs: string[] = [];
afterAll(() => {
  for (const d of sqliteDirs) rmSync(d, { recursive: true, force: true });
});
const sqliteStore = (): Store => {
  const dir = mkdtempSync(join(tmpdir(), 'svcctl-targeted-'));
  sqliteDirs.push(dir);
  return new SqliteStore(dir);
};

/** Runs the steps against a fresh store, each followed by a targeted run or a full resync. */
async function play(steps: Step[], targeted: boolean, makeStore: () => Store = () => new MemoryStore()): Promise<{ store: Store; converged: boolean[] }> {
  const store = makeStore();
  const random = seededRandom(7);
  const now = new Date('2025-01-01T00:00:00Z');
  const converged: boolean[] = [];
  for (const step of steps) {
    const r = await store.transaction(async (tx) => {
      const c = await step(tx);
      return runControllers(tx, targeted ? { now, random, cluster, ...c } : { now, random, cluster, deleted: c.deleted });
    });
    converged.push(r.converged);
  }
  return { store, converged };
}

const base = create([depKey('web'), deployment('web', 3)], [svcKey('web'), service('web', 'web')]);
const scaleTo = (n: number): Step => update(depKey('web'), (o) => ((o as Deployment).spec.replicas = n));

const cases: { name: string; steps: Step[] }[] = [
  { name: 'deployment of 3 replicas + service', steps: [base] },
  { name: 'pod deleted -> replaced', steps: [base, remove(podOn('node-1'))] },
  { name: 'scale 3 -> 5 -> 1', steps: [base, scaleTo(5), scaleTo(1)] },
  {
    name: 'service selector change',
    steps: [
      base,
      create([depKey('api'), deployment('api', 2)]),
      update(svcKey('web'), (o) => ((o as Service).spec.selector = { app: 'api' })),
    ],
  },
  { name: 'pod label change leaves the old service', steps: [base, relabelPodOn('node-2', { app: 'other' })] },
  {
    name: 'LoadBalancer address follows create, delete and type change',
    steps: [
      base,
      create([svcKey('lb1'), service('lb1', 'web', 'default', 'LoadBalancer')], [svcKey('lb2'), service('lb2', 'web', 'default', 'LoadBalancer')]),
      remove(async () => svcKey('lb1')),
      update(svcKey('lb2'), (o) => {
        (o as Service).spec.type = 'ClusterIP';
        delete (o as Service).status;
      }),
      create([svcKey('lb3'), service('lb3', 'web', 'default', 'LoadBalancer')]),
    ],
  },
  { name: 'deployment deleted takes its pods and endpoints', steps: [base, remove(async () => depKey('web'))] },
  {
    name: "a ReplicaSet not the Deployment's holds the name its template hashes to",
    steps: [
      create([
        `/registry/replicasets/default/web-${computePodTemplateHash(deployment('web', 1).spec.template)}`,
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: `web-${computePodTemplateHash(deployment('web', 1).spec.template)}`, namespace: 'default', uid: 'squatter-uid' },
          spec: { replicas: 0, selector: { matchLabels: { app: 'squatter' } }, template: { metadata: { labels: { app: 'squatter' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
        } as ReplicaSet,
      ]),
      base,
    ],
  },
  { name: 'statefulset of 3 (ordered) + service', steps: [create([stsKey('db'), statefulSet('db', 3)], [svcKey('db'), service('db', 'db')])] },
  { name: 'statefulset of 3 (parallel)', steps: [create([stsKey('db'), statefulSet('db', 3, 'nginx', 'Parallel')])] },
  {
    name: 'statefulset pod deleted -> created again under its name',
    steps: [create([stsKey('db'), statefulSet('db', 3)]), remove(async () => '/registry/pods/default/db-1')],
  },
  {
    name: 'statefulset scaled 3 -> 1 -> 2',
    steps: [
      create([stsKey('db'), statefulSet('db', 3)]),
      update(stsKey('db'), (o) => ((o as ReturnType<typeof statefulSet> & { spec: { replicas: number } }).spec.replicas = 1)),
      update(stsKey('db'), (o) => ((o as ReturnType<typeof statefulSet> & { spec: { replicas: number } }).spec.replicas = 2)),
    ],
  },
  {
    name: 'statefulset template change rolls every pod to the new revision',
    steps: [create([stsKey('db'), statefulSet('db', 3)]), update(stsKey('db'), (o) => Object.assign(o, { spec: statefulSet('db', 3, 'nginx:1.27').spec }))],
  },
  { name: 'statefulset deleted takes its pods, keeps its claims', steps: [create([stsKey('db'), statefulSet('db', 2)]), remove(async () => stsKey('db'))] },
  { name: 'daemonset on every node + service', steps: [withNodes([dsKey('agent'), daemonSet('agent')], [svcKey('agent'), service('agent', 'agent')])] },
  {
    name: 'daemonset pod deleted -> a new one on its node',
    steps: [withNodes([dsKey('agent'), daemonSet('agent')]), remove(podOn('node-2'))],
  },
  {
    name: 'daemonset template change rolls node by node',
    // The registry bumps the template generation with the template (see generic.ts).
    steps: [
      withNodes([dsKey('agent'), daemonSet('agent')]),
      update(dsKey('agent'), (o) => Object.assign(o, { spec: daemonSet('agent', 'fluent-bit:3.2').spec, metadata: { ...o.metadata, annotations: { 'deprecated.daemonset.template.generation': '2' } } })),
    ],
  },
  {
    name: 'a node labelled for a daemonset with a nodeSelector gets its pod; unlabelled, loses it',
    steps: [
      withNodes([dsKey('agent'), daemonSet('agent', 'fluent-bit', { disk: 'ssd' })]),
      update('/registry/minions/node-2', (o) => (o.metadata.labels = { ...o.metadata.labels, disk: 'ssd' })),
      update('/registry/minions/node-3', (o) => (o.metadata.labels = { ...o.metadata.labels, disk: 'ssd' })),
      update('/registry/minions/node-2', (o) => (o.metadata.labels = { 'kubernetes.io/hostname': 'node-2' })),
    ],
  },
  { name: 'daemonset deleted takes its pods and revisions', steps: [withNodes([dsKey('agent'), daemonSet('agent')]), remove(async () => dsKey('agent'))] },
  {
    name: 'an orphan pod matching a new ReplicaSet is adopted',
    steps: [
      create([
        '/registry/pods/default/stray',
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', uid: 'stray-uid', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as Pod,
      ]),
      create([
        '/registry/replicasets/default/web-rs',
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: 'web-rs', namespace: 'default', uid: 'web-rs-uid', generation: 1 },
          spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
        } as ReplicaSet,
      ]),
    ],
  },
];

describe('runControllers targeted mode', () => {
  it.each(cases)('$name: same end state as a full resync', async ({ steps }) => {
    const full = await play(steps, false);
    const targeted = await play(steps, true);
    expect(targeted.converged.every(Boolean)).toBe(true);
    expect(await summary(targeted.store)).toEqual(await summary(full.store));
  });

  it.each(cases)('$name: a full resync on SQLite, which reads views, ends the same', async ({ steps }) => {
    const full = await play(steps, false);
    const onSqlite = await play(steps, false, sqliteStore);
    expect(onSqlite.converged).toEqual(full.converged);
    expect(await summary(onSqlite.store)).toEqual(await summary(full.store));
  });

  it.each(cases)('$name: the same on SQLite, whose targeted reads are narrowed in the database', async ({ steps }) => {
    const full = await play(steps, false);
    const targeted = await play(steps, true, sqliteStore);
    expect(targeted.converged.every(Boolean)).toBe(true);
    expect(await summary(targeted.store)).toEqual(await summary(full.store));
  });

  it('a taken name makes the Deployment count a collision; an orphan is adopted, not replaced', async () => {
    for (const makeStore of [() => new MemoryStore(), sqliteStore]) {
      const squatted = (await play(cases[7].steps, true, makeStore)).store;
      const [web] = (await squatted.list('/registry/deployments/default/')) as Deployment[];
      expect((web.status as { collisionCount?: number }).collisionCount).toBe(1);
      expect(((await squatted.list('/registry/replicasets/default/')) as ReplicaSet[]).map((r) => r.metadata.uid === 'squatter-uid')).toContain(true);
      const adopted = (await play(cases.find((c) => c.name.startsWith('an orphan pod'))!.steps, true, makeStore)).store;
      const pods = (await adopted.list('/registry/pods/default/')) as Pod[];
      expect(pods).toHaveLength(2);
      expect(pods.find((p) => p.metadata.name === 'stray')?.metadata.ownerReferences?.[0].uid).toBe('web-rs-uid');
    }
  });

  it('StatefulSet scenarios end where expected', async () => {
    const sum = async (name: string) => summary((await play(cases.find((c) => c.name.startsWith(name))!.steps, true)).store);
    const made = await sum('statefulset of 3 (ordered)');
    const [rev] = made.revisions as string[];
    const revName = rev.split(' ')[0];
    expect(made.statefulPods).toEqual([0, 1, 2].map((i) => `db-${i} ${revName} db-${i}.db`));
    expect(made.claims).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    expect(made.statefulSets).toEqual([
      `db {"availableReplicas":3,"collisionCount":0,"currentReplicas":3,"currentRevision":"${revName}","observedGeneration":1,"readyReplicas":3,"replicas":3,"updateRevision":"${revName}","updatedReplicas":3}`,
    ]);
    expect(made.endpoints).toEqual(['db 10.244.1.2@node-1,10.244.2.2@node-2,10.244.3.2@node-3']);
    // Scaled down and up: the highest ordinals go and come back; claims are kept (Retain).
    const scaled = await sum('statefulset scaled');
    expect((scaled.statefulPods as string[]).map((p) => p.split(' ')[0])).toEqual(['db-0', 'db-1']);
    expect(scaled.claims).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    // A new template: a second revision, every pod recreated from it, the first revision kept.
    const rolled = await sum('statefulset template change');
    const newRev = (rolled.revisions as string[]).find((r) => r.endsWith(' 2'))!.split(' ')[0];
    expect(rolled.revisions).toHaveLength(2);
    expect(rolled.statefulPods).toEqual([0, 1, 2].map((i) => `db-${i} ${newRev} db-${i}.db`));
    const deleted = await sum('statefulset deleted');
    expect([deleted.statefulPods, deleted.revisions, deleted.claims]).toEqual([[], [], ['data-db-0', 'data-db-1']]);
  });

  it('DaemonSet scenarios end where expected', async () => {
    const sum = async (name: string) => summary((await play(cases.find((c) => c.name.startsWith(name))!.steps, true)).store);
    const made = await sum('daemonset on every node');
    const [rev] = made.revisions as string[];
    const hash = rev.split(' ')[0].replace('agent-', '');
    expect(made.daemonPods).toEqual(['node-1', 'node-2', 'node-3'].map((n) => `${n} ${hash} Running`));
    expect(made.endpoints).toEqual(['agent 10.244.1.2@node-1,10.244.2.2@node-2,10.244.3.2@node-3']);
    expect(made.daemonSets).toEqual([
      'agent {"currentNumberScheduled":3,"desiredNumberScheduled":3,"numberMisscheduled":0,"numberReady":3,"observedGeneration":1,"updatedNumberScheduled":3,"numberAvailable":3}',
    ]);
    const rolled = await sum('daemonset template change');
    const newHash = (rolled.revisions as string[]).find((r) => r.endsWith(' 2'))!.split(' ')[0].replace('agent-', '');
    expect(rolled.daemonPods).toEqual(['node-1', 'node-2', 'node-3'].map((n) => `${n} ${newHash} Running`));
    const moved = await sum('a node labelled');
    expect((moved.daemonPods as string[]).map((p) => p.split(' ')[0])).toEqual(['node-3']);
    const deleted = await sum('daemonset deleted');
    expect([deleted.daemonPods, deleted.revisions]).toEqual([[], []]);
  });

  it('the scenarios end where expected', async () => {
    const sum = async (steps: Step[]) => summary((await play(steps, true)).store);
    expect((await sum([base, scaleTo(5), scaleTo(1)])).slices).toEqual(['web [{"name":"","port":80,"protocol":"TCP"}] 10.244.1.2@node-1:true']);
    const replaced = await sum([base, remove(podOn('node-1'))]);
    // The replacement on node-1 gets the next address, not the freed one (host-local IPAM).
    expect(replaced.pods).toEqual(['web node-1 10.244.1.3 Running true', 'web node-2 10.244.2.2 Running true', 'web node-3 10.244.3.2 Running true']);
    const lb = await sum(cases[5].steps);
    expect(lb.lb).toEqual([
      'lb2 {}',
      'lb3 {"loadBalancer":{"ingress":[{"ip":"192.168.49.240","ipMode":"VIP"}]}}',
      'web {}',
    ]);
    const relabelled = await sum(cases[4].steps);
    expect(relabelled.pods).toEqual([
      'other node-2 10.244.2.2 Running true',
      'web node-1 10.244.1.2 Running true',
      'web node-3 10.244.3.2 Running true',
    ]);
    expect(relabelled.endpoints).toEqual(['web 10.244.1.2@node-1,10.244.3.2@node-3']);
  });
});

/** A transaction that records every prefix listed through it. */
function recording(tx: StoreTxn, listed: string[]): StoreTxn {
  return { ...tx, list: (prefix: string) => (listed.push(prefix), tx.list(prefix)) };
}

describe('runControllers targeted reads', () => {
  async function twoNamespaces() {
    const store = new MemoryStore();
    const random = seededRandom(3);
    const now = new Date('2025-01-01T00:00:00Z');
    const run = (step: Step, listed?: string[]) =>
      store.transaction(async (tx) => {
        const t = listed ? recording(tx, listed) : tx;
        return runControllers(t, { now, random, cluster, ...(await step(t)) });
      });
    for (const ns of ['team-a', 'team-b']) {
      await run(create([depKey('web', ns), deployment('web', 3, ns)], [svcKey('web', ns), service('web', 'web', ns)]));
    }
    return { store, run };
  }

  it('applying one Service in team-a lists only team-a pods and that Service slices', async () => {
    const h = await twoNamespaces();
    const listed: string[] = [];
    const r = await h.run(create([svcKey('web2', 'team-a'), service('web2', 'web', 'team-a')]), listed);
    expect(r.converged).toBe(true);
    expect([...new Set(listed)].sort()).toEqual(['/registry/endpointslices/team-a/web2-', '/registry/pods/team-a/']);
    const slices = (await h.store.list('/registry/endpointslices/team-a/web2-')) as EndpointSlice[];
    expect(slices.flatMap((s) => s.endpoints ?? []).map((e) => e.addresses[0]).sort()).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
  });

  it('deleting a pod in team-a lists nothing of team-b and never every pod', async () => {
    const h = await twoNamespaces();
    const victim = ((await h.store.list('/registry/pods/team-a/')) as Pod[])[0];
    const listed: string[] = [];
    await h.run(remove(async () => `/registry/pods/team-a/${victim.metadata.name}`), listed);
    expect([...new Set(listed)].sort()).toEqual([
      '/registry/endpointslices/team-a/web-',
      '/registry/pods/team-a/',
      '/registry/ranges/podips/',
      '/registry/replicasets/team-a/',
      '/registry/replicasets/team-a/web-', // ReplicaSets a new one of Deployment web could collide with
      '/registry/services/specs/team-a/',
    ]);
    const pods = (await h.store.list('/registry/pods/team-a/')) as Pod[];
    expect(pods.map((p) => p.status?.podIP).sort()).toEqual(['10.244.1.4', '10.244.2.2', '10.244.3.2']);
  });
});
