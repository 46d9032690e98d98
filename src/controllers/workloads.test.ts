import { describe, expect, it } from 'vitest';
import type { Deployment, Endpoints, Pod, ReplicaSet } from '../api/types.js';
import { reconcileDeployment, replicaSetUpdateMatters } from './deployment.js';
import { kubeletSync, normalizeImage } from './kubelet.js';
import { reconcileMirroredSlices } from './mirroring.js';
import { seededRandom } from './names.js';
import { comparePodsForDeletion, reconcileReplicaSet } from './replicaset.js';
import { placePod } from './scheduler.js';
import { pod, svc } from './fixtures.test-util.js';

const now = new Date('2025-01-01T00:00:00Z');
const nodes = [
  { name: 'node-2', podCIDR: '10.244.2.0/24', internalIP: '172.18.0.3' },
  { name: 'node-1', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.2' },
];

describe('placePod', () => {
  const unplaced = (ip?: string): Pod => {
    const p = pod('new', ip);
    delete p.spec.nodeName;
    return p;
  };
  it.each([
    { name: 'a pod naming its node stays there', p: pod('x', undefined, { node: 'node-2' }), want: 'node-2' },
    { name: 'a pinned IP goes to the node whose range holds it', p: unplaced('10.244.2.7'), want: 'node-2' },
    { name: 'a pinned IP outside every range goes to the least loaded node', p: unplaced('192.168.0.9'), want: 'least' },
    { name: 'otherwise the least loaded node', p: unplaced(), want: 'least' },
  ])('$name', ({ p, want }) => {
    expect(placePod(p, nodes, () => 'least')).toBe(want);
  });
});

describe('kubelet', () => {
  it.each([
    { image: 'nginx', want: 'docker.io/library/nginx:latest' },
    { image: 'nginx:1.25', want: 'docker.io/library/nginx:1.25' },
    { image: 'bitnami/redis', want: 'docker.io/bitnami/redis:latest' },
    { image: 'registry.k8s.io/pause:3.9', want: 'registry.k8s.io/pause:3.9' },
  ])('normalizeImage $image', ({ image, want }) => {
    expect(normalizeImage(image)).toBe(want);
  });

  it('leaves a pod alone until it has an address from the range of its node', () => {
    const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } };
    expect(kubeletSync(p, nodes[1], now)).toBe('unchanged');
  });

  it('reports a scheduled pod with an address Running and Ready, then is stable', () => {
    const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] }, status: { podIP: '10.244.1.2' } };
    const out = kubeletSync(p, nodes[1], now) as Pod;
    expect(out.status).toMatchObject({ phase: 'Running', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], hostIP: '172.18.0.2', startTime: '2025-01-01T00:00:00Z', qosClass: 'BestEffort' });
    expect(out.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(out.status!.containerStatuses).toMatchObject([{ name: 'c', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:00Z' } } }]);
    expect(kubeletSync(out, nodes[1], new Date(now.getTime() + 60_000))).toBe('unchanged');
  });

  it('gives every container a containerd id of 64 hex digits, its own and kept across syncs', () => {
    const spec = { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }, { name: 'd', image: 'nginx' }] };
    const ids = ['a', 'b', 'c'].flatMap((name) => {
      const out = kubeletSync({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec, status: { podIP: '10.244.1.2' } }, nodes[1], now) as Pod;
      const again = kubeletSync({ ...out, status: { ...out.status, phase: 'Running' } }, nodes[1], new Date(now.getTime() + 1000));
      expect(again).toBe('unchanged');
      return out.status!.containerStatuses!.map((c) => (c as { containerID: string }).containerID);
    });
    for (const id of ids) expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is not ready before the readiness probe delay', () => {
    const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', readinessProbe: { initialDelaySeconds: 5 } }] }, status: { podIP: '10.244.1.2' } };
    const out = kubeletSync(p, nodes[1], now) as Pod;
    expect(out.status!.conditions!.find((c) => c.type === 'Ready')).toEqual({
      lastProbeTime: null,
      lastTransitionTime: '2025-01-01T00:00:00Z',
      message: 'containers with unready status: [c]',
      reason: 'ContainersNotReady',
      status: 'False',
      type: 'Ready',
    });
    const later = kubeletSync(out, nodes[1], new Date(now.getTime() + 5000)) as Pod;
    expect(later.status!.conditions!.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});

const rs = (replicas: number): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid', generation: 2 },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } } },
});
const owned = (p: Pod, created = '2025-01-01T00:00:00Z'): Pod => ({
  ...p,
  metadata: { ...p.metadata, creationTimestamp: created, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true }] },
});

describe('reconcileReplicaSet', () => {
  it('creates the missing pods from the template', () => {
    const plan = reconcileReplicaSet(rs(2), [], { now, random: seededRandom(9) });
    expect(plan.create.map((p) => p.metadata.name)).toEqual([expect.stringMatching(/^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/), expect.stringMatching(/^web-abc-/)]);
    expect(plan.create[0].metadata.generateName).toBe('web-abc-');
    expect(plan.create[0].metadata.labels).toEqual({ app: 'web' });
    expect(plan.create[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }]);
    expect(plan.status?.status).toEqual({ replicas: 0, observedGeneration: 2 });
  });

  it('deletes surplus pods: not ready first, then newest', () => {
    const pods = [
      owned(pod('old', '10.244.1.2'), '2025-01-01T00:00:00Z'),
      owned(pod('new', '10.244.1.3'), '2025-01-01T00:01:00Z'),
      owned(pod('unready', '10.244.1.4', { ready: false }), '2024-12-01T00:00:00Z'),
    ];
    expect(reconcileReplicaSet(rs(1), pods, { now, random: seededRandom(1) }).delete.map((p) => p.metadata.name)).toEqual(['unready', 'new']);
    expect([...pods].sort(comparePodsForDeletion).map((p) => p.metadata.name)).toEqual(['unready', 'new', 'old']);
  });

  it('adopts orphans matching the selector and reports status', () => {
    const plan = reconcileReplicaSet(rs(1), [pod('orphan', '10.244.1.2')], { now, random: seededRandom(1) });
    expect(plan.create).toEqual([]);
    expect(plan.update.map((p) => p.metadata.ownerReferences?.[0].name)).toEqual(['web-abc']);
    expect(plan.status?.status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 2 });
  });
});

const deploy = (image: string, replicas = 3): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1, annotations: { team: 'a' } },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } } },
});

describe('reconcileDeployment', () => {
  it('creates <deploy>-<hash> with labels, selector, annotations and owner', () => {
    const plan = reconcileDeployment(deploy('nginx'), [], { now });
    const rs = plan.create[0];
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toEqual({
      team: 'a',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.replicas).toBe(3);
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true });
    expect(plan.deployment?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect((plan.deployment?.status?.conditions as { type: string; reason: string; message: string }[]).map((c) => `${c.type}/${c.reason}/${c.message}`)).toEqual([
      `Progressing/NewReplicaSetCreated/Created new replica set "web-${hash}"`,
      'Available/MinimumReplicasUnavailable/Deployment does not have minimum availability.',
    ]);
  });

  it('a template change makes revision 2 with all replicas and scales the old one to 0', () => {
    const first = reconcileDeployment(deploy('nginx'), [], { now }).create[0];
    first.metadata.uid = 'rs1';
    const plan = reconcileDeployment(deploy('nginx:2'), [first], { now });
    expect(plan.create[0].metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(plan.create[0].metadata.name).not.toBe(first.metadata.name);
    expect(plan.update.map((r) => `${r.metadata.name}=${r.spec.replicas}`)).toEqual([`${first.metadata.name}=0`]);
  });

  it('a name taken by a ReplicaSet it does not own (nameTaken) counts a collision and salts the hash', () => {
    const plain = reconcileDeployment(deploy('nginx'), [], { now }).create[0].metadata.name!;
    const asked: string[] = [];
    const plan = reconcileDeployment(deploy('nginx'), [], { now, nameTaken: (name) => (asked.push(name), name === plain) });
    expect(asked[0]).toBe(plain);
    expect(plan.create[0].metadata.name).not.toBe(plain);
    expect(asked).toEqual([plain, plan.create[0].metadata.name]);
    expect((plan.deployment?.status as { collisionCount?: number }).collisionCount).toBe(1);
    // Without nameTaken the ReplicaSets given are what is taken.
    const squatter = { ...reconcileDeployment(deploy('nginx:other'), [], { now }).create[0], metadata: { name: plain, namespace: 'default', uid: 'x' } };
    expect(reconcileDeployment(deploy('nginx'), [squatter], { now }).create[0].metadata.name).toBe(plan.create[0].metadata.name);
  });

  it('scaling updates replicas and the replica annotations of the current ReplicaSet', () => {
    const first = reconcileDeployment(deploy('nginx'), [], { now }).create[0];
    const plan = reconcileDeployment(deploy('nginx', 5), [first], { now });
    expect(plan.create).toEqual([]);
    expect(plan.update[0].spec.replicas).toBe(5);
    expect(plan.update[0].metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('7');
  });
});

describe('replicaSetUpdateMatters', () => {
  // A ReplicaSet of the Deployment, as its controller made it, then changed by each case.
  const d = { ...deploy('nginx'), status: { replicas: 0 } } as Deployment;
  const made: ReplicaSet = { ...reconcileDeployment(d, [], { now }).create[0], metadata: { ...reconcileDeployment(d, [], { now }).create[0].metadata, uid: 'rs-uid', resourceVersion: '5' } };
  const withStatus = (status: Record<string, unknown>): ReplicaSet => ({ ...made, status });
  const cases: { name: string; old: ReplicaSet; cur: ReplicaSet; matters: boolean }[] = [
    { name: 'the first status write (observedGeneration, zero counts)', old: made, cur: withStatus({ replicas: 0, fullyLabeledReplicas: 0, observedGeneration: 1 }), matters: false },
    { name: 'fullyLabeledReplicas and conditions', old: withStatus({ replicas: 3 }), cur: withStatus({ replicas: 3, fullyLabeledReplicas: 3, conditions: [{ type: 'ReplicaFailure', status: 'True' }] }), matters: false },
    { name: 'a new resourceVersion', old: made, cur: { ...made, metadata: { ...made.metadata, resourceVersion: '6' } }, matters: false },
    { name: 'replicas', old: withStatus({ replicas: 0 }), cur: withStatus({ replicas: 3 }), matters: true },
    { name: 'readyReplicas', old: withStatus({ replicas: 3 }), cur: withStatus({ replicas: 3, readyReplicas: 3 }), matters: true },
    { name: 'availableReplicas', old: withStatus({ replicas: 3, readyReplicas: 3 }), cur: withStatus({ replicas: 3, readyReplicas: 3, availableReplicas: 3 }), matters: true },
    { name: 'spec.replicas', old: made, cur: { ...made, spec: { ...made.spec, replicas: 1 } }, matters: true },
    { name: 'an annotation', old: made, cur: { ...made, metadata: { ...made.metadata, annotations: { 'deployment.kubernetes.io/revision': '7' } } }, matters: true },
  ];
  // The ReplicaSets' statuses ride along in the plan's ReplicaSets; everything else must match.
  const planned = (rs: ReplicaSet) => {
    const plan = reconcileDeployment(d, [rs], { now });
    const bare = (r: ReplicaSet) => ({ ...r, status: undefined, metadata: { ...r.metadata, resourceVersion: undefined } });
    return { create: plan.create.map(bare), update: plan.update.map(bare), deployment: plan.deployment };
  };

  it.each(cases)('$name: matters $matters', ({ old, cur, matters }) => {
    expect(replicaSetUpdateMatters(old, cur)).toBe(matters);
    // What does not matter changes nothing the Deployment controller plans.
    if (!matters) expect(planned(cur)).toEqual(planned(old));
  });
});

describe('reconcileMirroredSlices', () => {
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'ext', namespace: 'default', uid: 'ep-uid', labels: { a: 'b' } },
    subsets: [{ addresses: [{ ip: '192.0.2.1' }], notReadyAddresses: [{ ip: '192.0.2.2' }], ports: [{ port: 443, protocol: 'TCP' }] }],
  };
  const noSelector = { ...svc({ selector: undefined }), metadata: { name: 'ext', namespace: 'default', uid: 's' } };

  it('mirrors user Endpoints of a selector-less Service, and is then stable', () => {
    const plan = reconcileMirroredSlices(noSelector, ep, [], { random: seededRandom(2) });
    const s = plan.create[0];
    expect(s.metadata.labels).toEqual({
      a: 'b',
      'kubernetes.io/service-name': 'ext',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'Endpoints', name: 'ext', uid: 'ep-uid' });
    expect(s.endpoints).toEqual([
      { addresses: ['192.0.2.1'], conditions: { ready: true } },
      { addresses: ['192.0.2.2'], conditions: { ready: false } },
    ]);
    expect(s.ports).toEqual([{ name: '', port: 443, protocol: 'TCP' }]);
    expect(reconcileMirroredSlices(noSelector, ep, plan.create, { random: seededRandom(2) })).toEqual({ create: [], update: [], delete: [] });
  });

  it.each([
    { name: 'the Service has a selector', service: svc(), endpoints: ep },
    { name: 'the Service is gone', service: undefined, endpoints: ep },
    { name: 'the Endpoints are gone', service: noSelector, endpoints: undefined },
  ])('deletes mirrored slices when $name', ({ service, endpoints }) => {
    const made = reconcileMirroredSlices(noSelector, ep, [], { random: seededRandom(2) }).create;
    expect(reconcileMirroredSlices(service, endpoints, made, { random: seededRandom(2) }).delete).toHaveLength(1);
  });
});
