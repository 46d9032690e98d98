import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types.js';
import { seededRandom } from './names.js';
import { type ControllerRevision, ordinalOf, reconcileStatefulSet, type StatefulSet } from './statefulset.js';

const now = new Date('2025-01-01T00:00:00Z');

const set = (over: Partial<StatefulSet['spec']> = {}): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default', uid: 'db-uid', generation: 1 },
  spec: {
    replicas: 3,
    serviceName: 'db-headless',
    selector: { matchLabels: { app: 'db' } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: { containers: [{ name: 'c', image: 'postgres' }], volumes: [{ name: 'cache', emptyDir: {} }] } as StatefulSet['spec']['template']['spec'],
    },
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'] } }],
    ...over,
  },
});

/** The revision reconcile makes for `s` (its first plan's first create). */
const revisionOf = (s: StatefulSet) => reconcileStatefulSet(s, { pods: [], revisions: [], claims: new Set() }, { now, random: seededRandom(1) }).create[0] as ControllerRevision;

/** A pod of `s` at `ordinal`, owned, on `revision`, Running and Ready unless told otherwise. */
function member(s: StatefulSet, ordinal: number, revision: string, ready = true): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `db-${ordinal}`,
      namespace: 'default',
      labels: { app: 'db', 'controller-revision-hash': revision },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: s.metadata.uid!, controller: true }],
    },
    spec: { containers: [{ name: 'c', image: 'postgres' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const names = (objs: KubeObject[], kind: string) => objs.filter((o) => o.kind === kind).map((o) => o.metadata.name);

describe('ordinalOf', () => {
  it.each([
    ['db-0', 0],
    ['db-12', 12],
    ['db-012', undefined],
    ['db-x', undefined],
    ['dbx-1', undefined],
    ['db-', undefined],
  ])('%s -> %s', (name, want) => {
    expect(ordinalOf('db', name)).toBe(want);
  });
});

describe('reconcileStatefulSet', () => {
  const s = set();
  const rev = revisionOf(s);
  const r = rev.metadata.name!;
  const run = (pods: Pod[], over?: Partial<StatefulSet['spec']>, revisions: ControllerRevision[] = [rev], claims = new Set<string>()) =>
    reconcileStatefulSet(over ? set(over) : s, { pods, revisions, claims }, { now, random: seededRandom(1) });

  it('makes the first pod with its identity and claim, and a revision', () => {
    const plan = reconcileStatefulSet(s, { pods: [], revisions: [], claims: new Set() }, { now, random: seededRandom(1) });
    expect(plan.create.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([`ControllerRevision/${r}`, 'PersistentVolumeClaim/data-db-0', 'Pod/db-0']);
    expect(r).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev.revision).toBe(1);
    const pod = plan.create[2] as Pod;
    expect(pod.metadata.generateName).toBe('db-');
    expect(pod.metadata.labels).toEqual({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': r });
    expect([pod.spec.hostname, pod.spec.subdomain]).toEqual(['db-0', 'db-headless']);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    // The claims' volumes come first, then the template's own.
    expect((pod.spec.volumes as { name: string }[]).map((v) => v.name).slice(0, 2)).toEqual(['data', 'cache']);
    expect((plan.create[1] as KubeObject).metadata.labels).toEqual({ tier: 'storage', app: 'db' });
  });

  it.each([
    { name: 'ordered: waits for a pod that is not ready', pods: () => [member(s, 0, r, false)], creates: [], deletes: [] },
    { name: 'ordered: the next ordinal once the last is ready', pods: () => [member(s, 0, r)], creates: ['db-1'], deletes: [] },
    { name: 'parallel: every missing ordinal at once', pods: () => [member(s, 0, r, false)], over: { podManagementPolicy: 'Parallel' }, creates: ['db-1', 'db-2'], deletes: [] },
    { name: 'ordered scale down: the highest ordinal only', pods: () => [0, 1, 2].map((i) => member(s, i, r)), over: { replicas: 1 }, creates: [], deletes: ['db-2'] },
    { name: 'parallel scale down: every ordinal past the end', pods: () => [0, 1, 2].map((i) => member(s, i, r)), over: { replicas: 1, podManagementPolicy: 'Parallel' }, creates: [], deletes: ['db-2', 'db-1'] },
    { name: 'a failed pod is deleted to be made again', pods: () => [{ ...member(s, 0, r), status: { phase: 'Failed' } }], creates: [], deletes: ['db-0'] },
    {
      name: "a pod another controller owns keeps the name: nothing is created for it",
      pods: () => [member(s, 0, r), { ...member(s, 1, r), metadata: { ...member(s, 1, r).metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'x', controller: true }] } }],
      over: { podManagementPolicy: 'Parallel' },
      creates: ['db-2'],
      deletes: [],
    },
    {
      name: 'ordered: stops at a name another controller holds',
      pods: () => [member(s, 0, r), { ...member(s, 1, r), metadata: { ...member(s, 1, r).metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'x', controller: true }] } }],
      creates: [],
      deletes: [],
    },
  ])('$name', ({ pods, over, creates, deletes }) => {
    const plan = run(pods(), over);
    expect(names(plan.create, 'Pod')).toEqual(creates);
    expect(names(plan.delete, 'Pod')).toEqual(deletes);
  });

  it('adopts an orphan named as a replica that the selector matches', () => {
    const orphan = { ...member(s, 0, r), metadata: { ...member(s, 0, r).metadata, ownerReferences: undefined } };
    const plan = run([orphan]);
    expect(plan.update.map((p) => p.metadata.ownerReferences?.[0].uid)).toEqual(['db-uid']);
    expect(names(plan.create, 'Pod')).toEqual(['db-1']);
  });

  it('rolls a new template from the highest ordinal down, one pod at a time, above the partition', () => {
    const changed = set({ template: { ...s.spec.template, spec: { ...s.spec.template.spec, containers: [{ name: 'c', image: 'postgres:17' }] } } });
    const pods = [0, 1, 2].map((i) => member(s, i, r));
    const plan = reconcileStatefulSet(changed, { pods, revisions: [rev], claims: new Set() }, { now, random: seededRandom(1) });
    const next = plan.create[0] as ControllerRevision;
    expect([next.kind, next.revision]).toEqual(['ControllerRevision', 2]);
    expect(names(plan.delete, 'Pod')).toEqual(['db-2']);
    const held = reconcileStatefulSet({ ...changed, spec: { ...changed.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } } } }, { pods, revisions: [rev], claims: new Set() }, { now, random: seededRandom(1) });
    expect(names(held.delete, 'Pod')).toEqual([]);
    const onDelete = reconcileStatefulSet({ ...changed, spec: { ...changed.spec, updateStrategy: { type: 'OnDelete' } } }, { pods, revisions: [rev], claims: new Set() }, { now, random: seededRandom(1) });
    expect(names(onDelete.delete, 'Pod')).toEqual([]);
  });

  it('reports status by readiness and revision; a finished rollout makes the update revision current', () => {
    const plan = run([member(s, 0, r), member(s, 1, r, false)], undefined, [rev], new Set(['data-db-0', 'data-db-1']));
    expect(plan.status?.status).toEqual({
      availableReplicas: 1,
      collisionCount: 0,
      currentReplicas: 2,
      currentRevision: r,
      observedGeneration: 1,
      readyReplicas: 1,
      replicas: 2,
      updateRevision: r,
      updatedReplicas: 2,
    });
    // Claims that exist are not made again.
    expect(names(plan.create, 'PersistentVolumeClaim')).toEqual([]);
  });
});
