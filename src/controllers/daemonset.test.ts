import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types.js';
import { type DaemonSet, nodeShouldRunDaemonPod, reconcileDaemonSet } from './daemonset.js';
import type { ControllerRevision } from './history.js';
import { seededRandom } from './names.js';
import { fitsNodeAffinity, targetNodeName } from './node-fit.js';

const now = new Date('2025-01-01T00:00:00Z');

const node = (name: string, labels: Record<string, string> = {}, taints?: { key: string; value?: string; effect: string }[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
  spec: taints ? { taints } : {},
});
const nodes = [node('node-1'), node('node-2'), node('node-3')];

const set = (over: Partial<DaemonSet['spec']> = {}, generation = '1'): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', generation: 1, annotations: { 'deprecated.daemonset.template.generation': generation } },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'fluent-bit:3.1' }] } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
    ...over,
  },
});

const opts = () => ({ now, random: seededRandom(1) });
/** The revision reconcile makes for `ds` (its first plan's first create). */
const revisionOf = (ds: DaemonSet) => reconcileDaemonSet(ds, { pods: [], revisions: [], nodes }, opts()).create[0] as ControllerRevision;

/** A pod of `ds` on `nodeName`, owned, carrying `hash`, Running and Ready unless told otherwise. */
function daemonPod(nodeName: string, hash: string, over: { ready?: boolean; phase?: string; name?: string; created?: string; bound?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: over.name ?? `agent-${nodeName}`,
      namespace: 'default',
      creationTimestamp: over.created ?? '2024-12-31T00:00:00Z',
      labels: { app: 'agent', 'controller-revision-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true }],
    },
    spec:
      over.bound === false
        ? { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } } }
        : { nodeName, containers: [] },
    status: { phase: over.phase ?? 'Running', conditions: [{ type: 'Ready', status: over.ready === false ? 'False' : 'True' }] },
  };
}

const podNames = (objs: KubeObject[]) => objs.filter((o) => o.kind === 'Pod').map((o) => o.metadata.name);
const targets = (objs: KubeObject[]) => objs.filter((o) => o.kind === 'Pod').map((o) => targetNodeName(o as Pod));

describe('reconcileDaemonSet', () => {
  const ds = set();
  const rev = revisionOf(ds);
  const hash = rev.metadata.labels!['controller-revision-hash'];

  it('makes a revision and one pod per node, each bound by node affinity and labelled', () => {
    const plan = reconcileDaemonSet(ds, { pods: [], revisions: [], nodes }, opts());
    expect(rev.metadata.name).toBe(`agent-${hash}`);
    expect(rev.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect([rev.revision, rev.data.spec.template.$patch]).toEqual([1, 'replace']);
    expect(targets(plan.create)).toEqual(['node-1', 'node-2', 'node-3']);
    const pod = plan.create[1] as Pod;
    expect(pod.metadata.generateName).toBe('agent-');
    expect(pod.metadata.labels).toEqual({ app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': hash });
    expect(pod.spec.nodeName).toBeUndefined();
    const tolerations = (pod.spec.tolerations as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`);
    expect(tolerations).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(plan.status?.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 3, numberMisscheduled: 0, numberReady: 0, observedGeneration: 1, numberUnavailable: 3 });
  });

  it.each([
    { name: 'nothing to do when every node runs a ready pod', pods: () => nodes.map((n) => daemonPod(n.metadata.name!, hash)), creates: [], deletes: [] },
    { name: 'a node without a pod gets one', pods: () => [daemonPod('node-1', hash), daemonPod('node-3', hash)], creates: ['node-2'], deletes: [] },
    {
      name: 'a failed pod is deleted (its node gets a new one next time)',
      pods: () => [daemonPod('node-1', hash, { phase: 'Failed' }), daemonPod('node-2', hash), daemonPod('node-3', hash)],
      creates: [],
      deletes: ['agent-node-1'],
    },
    {
      name: 'two pods on a node: the newer goes',
      pods: () => [...nodes.map((n) => daemonPod(n.metadata.name!, hash)), daemonPod('node-2', hash, { name: 'agent-late', created: '2024-12-31T01:00:00Z' })],
      creates: [],
      deletes: ['agent-late'],
    },
    {
      name: 'a pod bound to a node that is gone, never scheduled, is deleted',
      pods: () => [...nodes.map((n) => daemonPod(n.metadata.name!, hash)), daemonPod('node-9', hash, { bound: false })],
      creates: [],
      deletes: ['agent-node-9'],
    },
  ])('$name', ({ pods, creates, deletes }) => {
    const plan = reconcileDaemonSet(ds, { pods: pods(), revisions: [rev], nodes }, opts());
    expect(targets(plan.create)).toEqual(creates);
    expect(podNames(plan.delete)).toEqual(deletes);
  });

  it('runs only where the nodeSelector, node affinity and taints allow, and removes pods from other nodes', () => {
    const fleet = [node('node-1', { disk: 'ssd' }), node('node-2'), node('node-3', { disk: 'ssd' }, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])];
    const picky = set({ template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, nodeSelector: { disk: 'ssd' } } } });
    const pods = [daemonPod('node-2', hash)];
    const plan = reconcileDaemonSet(picky, { pods, revisions: [], nodes: fleet }, opts());
    expect(targets(plan.create)).toEqual(['node-1']);
    expect(podNames(plan.delete)).toEqual(['agent-node-2']);
    expect(plan.status?.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 0, numberMisscheduled: 1 });
    // A toleration lets it onto the tainted node.
    const tolerant = set({ template: { ...picky.spec.template, spec: { ...picky.spec.template.spec, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] } } });
    expect(targets(reconcileDaemonSet(tolerant, { pods: [], revisions: [], nodes: fleet }, opts()).create)).toEqual(['node-1', 'node-3']);
  });

  it('rolls a new template out within maxUnavailable, once no node lacks a pod', () => {
    const changed = set({ template: { ...ds.spec.template, spec: { containers: [{ name: 'c', image: 'fluent-bit:3.2' }] } } }, '2');
    const pods = nodes.map((n) => daemonPod(n.metadata.name!, hash));
    const plan = reconcileDaemonSet(changed, { pods, revisions: [rev], nodes }, opts());
    const next = plan.create[0] as ControllerRevision;
    expect([next.kind, next.revision]).toEqual(['ControllerRevision', 2]);
    expect(podNames(plan.delete)).toEqual(['agent-node-1']);
    const newHash = next.metadata.labels!['controller-revision-hash'];
    // node-1 being replaced counts as unavailable: nothing more goes until its new pod is ready.
    const midway = [daemonPod('node-1', newHash, { ready: false }), daemonPod('node-2', hash), daemonPod('node-3', hash)];
    expect(podNames(reconcileDaemonSet(changed, { pods: midway, revisions: [rev, next], nodes }, opts()).delete)).toEqual([]);
    const ready = [daemonPod('node-1', newHash), daemonPod('node-2', hash), daemonPod('node-3', hash)];
    expect(podNames(reconcileDaemonSet(changed, { pods: ready, revisions: [rev, next], nodes }, opts()).delete)).toEqual(['agent-node-2']);
    // Two at a time with maxUnavailable 2; none with OnDelete.
    const wide = { ...changed, spec: { ...changed.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } } };
    expect(podNames(reconcileDaemonSet(wide, { pods, revisions: [rev], nodes }, opts()).delete)).toEqual(['agent-node-1', 'agent-node-2']);
    const onDelete = { ...changed, spec: { ...changed.spec, updateStrategy: { type: 'OnDelete' } } };
    expect(podNames(reconcileDaemonSet(onDelete, { pods, revisions: [rev], nodes }, opts()).delete)).toEqual([]);
  });

  it('counts status per node: ready, available after minReadySeconds, up to date by hash or template generation', () => {
    const pods = [daemonPod('node-1', hash), daemonPod('node-2', 'old-hash', { ready: false }), daemonPod('node-3', 'old-hash')];
    pods[2].metadata.labels!['pod-template-generation'] = '1';
    const plan = reconcileDaemonSet(ds, { pods, revisions: [rev], nodes }, opts());
    expect(plan.status?.status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      numberUnavailable: 1,
    });
  });

  it('adopts a matching orphan on a node instead of making another pod there', () => {
    const orphan = daemonPod('node-1', hash);
    orphan.metadata.ownerReferences = undefined;
    const plan = reconcileDaemonSet(ds, { pods: [orphan, daemonPod('node-2', hash), daemonPod('node-3', hash)], revisions: [rev], nodes }, opts());
    expect(plan.update.map((o) => o.metadata.ownerReferences?.[0].uid)).toEqual(['ds-uid']);
    expect(plan.create).toEqual([]);
  });

  it('makes an older revision the newest again on rollback, and drops revisions beyond the history limit', () => {
    const changed = set({ template: { ...ds.spec.template, spec: { containers: [{ name: 'c', image: 'fluent-bit:3.2' }] } } });
    const second = { ...revisionOf(changed), revision: 2 };
    const back = reconcileDaemonSet(ds, { pods: nodes.map((n) => daemonPod(n.metadata.name!, hash)), revisions: [rev, second], nodes }, opts());
    expect(back.update.map((o) => `${o.metadata.name}@${(o as ControllerRevision).revision}`)).toEqual([`${rev.metadata.name}@3`]);
    const tight = set({ revisionHistoryLimit: 0 });
    const pods = nodes.map((n) => daemonPod(n.metadata.name!, hash));
    expect(reconcileDaemonSet(tight, { pods, revisions: [rev, second], nodes }, opts()).delete.map((o) => o.metadata.name)).toEqual([second.metadata.name]);
  });

  it('refuses to act on an empty selector', () => {
    const plan = reconcileDaemonSet(set({ selector: {} }), { pods: [], revisions: [], nodes }, opts());
    expect(plan).toEqual({ create: [], update: [], delete: [], status: null });
  });
});

describe('node fit', () => {
  const n = node('node-1', { zone: 'a', cores: '8' });
  it.each([
    { name: 'no constraints', spec: {}, want: true },
    { name: 'nodeSelector matches', spec: { nodeSelector: { zone: 'a' } }, want: true },
    { name: 'nodeSelector differs', spec: { nodeSelector: { zone: 'b' } }, want: false },
    { name: 'In', spec: { affinity: required([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }]) }, want: true },
    { name: 'NotIn', spec: { affinity: required([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }]) }, want: false },
    { name: 'DoesNotExist', spec: { affinity: required([{ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }]) }, want: true },
    { name: 'Gt', spec: { affinity: required([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }]) }, want: true },
    { name: 'Lt', spec: { affinity: required([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }]) }, want: false },
    { name: 'terms are ORed', spec: { affinity: required([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }]) }, want: true },
    { name: 'an empty term matches nothing', spec: { affinity: required([{}]) }, want: false },
  ])('$name', ({ spec, want }) => {
    expect(fitsNodeAffinity({ containers: [], ...spec }, n)).toBe(want);
  });

  it('NoExecute taints a pod does not tolerate evict it; NoSchedule ones only keep new pods away', () => {
    const ds = set();
    expect(nodeShouldRunDaemonPod(ds, node('n', {}, [{ key: 'x', effect: 'NoSchedule' }]))).toEqual([false, true]);
    expect(nodeShouldRunDaemonPod(ds, node('n', {}, [{ key: 'x', effect: 'NoExecute' }]))).toEqual([false, false]);
    // The daemon tolerations cover the node-condition taints.
    expect(nodeShouldRunDaemonPod(ds, node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]))).toEqual([true, true]);
  });
});

function required(nodeSelectorTerms: unknown[]) {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } };
}
