import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../allocators/random.js';
import type { Pod } from '../types.js';
import { admitPod, SERVICE_ACCOUNT_MOUNT } from './pod.js';

const pod = (spec: Record<string, unknown> = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } }) as Pod;

describe('admitPod', () => {
  it('adds the default service account, its token volume and mount, tolerations and priority', () => {
    const p = pod();
    admitPod(p, seededRandom(1));
    const spec = p.spec as Record<string, unknown>;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    const volumes = spec.volumes as { name: string }[];
    expect(volumes).toHaveLength(1);
    expect(volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec.containers[0].volumeMounts).toEqual([{ mountPath: SERVICE_ACCOUNT_MOUNT, name: volumes[0].name, readOnly: true }]);
    expect(spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
    expect([spec.priority, spec.preemptionPolicy]).toEqual([0, 'PreemptLowerPriority']);
  });

  it.each([
    { name: 'automountServiceAccountToken: false mounts nothing', spec: { automountServiceAccountToken: false }, field: 'volumes', want: undefined },
    { name: 'a named service account is kept', spec: { serviceAccountName: 'builder' }, field: 'serviceAccount', want: 'builder' },
    { name: 'a named priority class leaves the priority to it', spec: { priorityClassName: 'high' }, field: 'priority', want: undefined },
    {
      name: 'a toleration the pod already has is not added twice',
      spec: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] },
      field: 'tolerations',
      want: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
    },
  ])('$name', ({ spec, field, want }) => {
    const p = pod(spec);
    admitPod(p, seededRandom(1));
    expect((p.spec as Record<string, unknown>)[field]).toEqual(want);
  });
});
