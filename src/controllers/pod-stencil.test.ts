import { describe, expect, it } from 'vitest';
import { admitPod } from '../api/admission/pod.js';
import { defaultPod } from '../api/defaults/pod.js';
import type { Pod, PodSpec } from '../api/types.js';
import { clone } from '../store/store.js';
import { seededRandom } from './names.js';
import { podSpecFromTemplate } from './pod-stencil.js';

/** The create path itself, pod by pod: a copy of the template's spec, Pod defaults, admission. */
function created(templateSpec: PodSpec, random: () => number): PodSpec {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: clone(templateSpec) } as Pod;
  defaultPod(pod);
  admitPod(pod, random);
  return pod.spec;
}

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], ...extra });

describe('podSpecFromTemplate', () => {
  it.each([
    { name: 'one container', spec: { containers: [container('c')] } },
    { name: 'volumes of its own, mounted', spec: { volumes: [{ name: 'data', emptyDir: {} }], containers: [container('c', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] } },
    { name: 'init containers and a sidecar', spec: { initContainers: [container('init'), container('side', { restartPolicy: 'Always' })], containers: [container('c'), container('d')] } },
    { name: 'no token (automountServiceAccountToken: false)', spec: { automountServiceAccountToken: false, containers: [container('c')] } },
    {
      name: 'one container mounts the token path itself',
      spec: {
        volumes: [{ name: 'tok', secret: { secretName: 's' } }],
        containers: [container('c', { volumeMounts: [{ name: 'tok', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }), container('d')],
      },
    },
    { name: 'every container mounts the token path', spec: { containers: [container('c', { volumeMounts: [{ name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] })] } },
    { name: 'limits without requests, host network', spec: { hostNetwork: true, containers: [container('c', { resources: { limits: { cpu: '1', memory: '1Gi' } } })] } },
    { name: 'tolerations and a priority class of its own', spec: { priorityClassName: 'high', tolerations: [{ operator: 'Exists' }], containers: [container('c')] } },
  ])('$name: pod after pod, what the create path makes, drawing the same numbers', ({ spec }) => {
    const template = spec as PodSpec;
    const viaStencil = seededRandom(3);
    const viaCreate = seededRandom(3);
    const made: PodSpec[] = [];
    for (let i = 0; i < 3; i++) {
      const got = podSpecFromTemplate(template, viaStencil);
      // Same JSON, key order included (kubectl prints fields in stored order).
      expect(JSON.stringify(got)).toBe(JSON.stringify(created(template, viaCreate)));
      made.push(got);
    }
    // Both sources stand at the same point: the stencil drew exactly what the create path drew.
    expect(viaStencil()).toBe(viaCreate());
    // The template itself is left as it was.
    expect(template).toEqual(spec);
    // Pods of one template share what they have in common: the first container's ports.
    expect(made[1].containers[0].ports).toBe(made[0].containers[0].ports);
  });

  it('gives each pod its own token volume name', () => {
    const random = seededRandom(5);
    const template: PodSpec = { containers: [container('c')] };
    const names = [0, 1, 2].map(() => (podSpecFromTemplate(template, random).volumes as { name: string }[]).at(-1)!.name);
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(n).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
