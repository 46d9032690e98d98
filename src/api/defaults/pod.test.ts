import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodSpec } from '../types.js';
import { defaultContainer, defaultPod, defaultPodSpec, defaultPodTemplateSpec, defaultVolume, imageTag } from './pod.js';

const SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const CONTAINER_DEFAULTS = { resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };

describe('imageTag', () => {
  const cases = [
    { name: 'untagged', image: 'nginx', want: 'latest' },
    { name: 'explicit latest', image: 'nginx:latest', want: 'latest' },
    { name: 'tagged', image: 'nginx:1.27', want: '1.27' },
    { name: 'registry with port, untagged', image: 'localhost:5000/app', want: 'latest' },
    { name: 'registry with port, tagged', image: 'localhost:5000/app:v2', want: 'v2' },
    { name: 'digest only', image: `nginx@sha256:${'a'.repeat(64)}`, want: '' },
    { name: 'tag and digest', image: `nginx:1.2@sha256:${'a'.repeat(64)}`, want: '1.2' },
    { name: 'unparseable (upper case)', image: 'Nginx', want: '' },
    { name: 'empty', image: '', want: '' },
  ];
  it.each(cases)('$name', ({ image, want }) => expect(imageTag(image)).toBe(want));
});

describe('defaultContainer', () => {
  const cases: { name: string; in: Record<string, unknown>; want: Record<string, unknown> }[] = [
    {
      name: 'untagged image pulls Always; ports get TCP',
      in: { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] },
      want: {
        name: 'web', image: 'nginx', imagePullPolicy: 'Always', ...CONTAINER_DEFAULTS,
        ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }],
      },
    },
    {
      name: 'tagged image pulls IfNotPresent; given values kept',
      in: { name: 'web', image: 'nginx:1.27', terminationMessagePolicy: 'FallbackToLogsOnError', resources: { limits: { cpu: '1' } } },
      want: {
        name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: { limits: { cpu: '1' } },
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'FallbackToLogsOnError',
      },
    },
    {
      name: 'probes, lifecycle and env fieldRef',
      in: {
        name: 'web', image: 'nginx:1', imagePullPolicy: 'Never',
        readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 },
        livenessProbe: { grpc: { port: 9000 } },
        startupProbe: { tcpSocket: { port: 80 }, failureThreshold: 30 },
        lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'A', value: 'b' }],
      },
      want: {
        name: 'web', image: 'nginx:1', imagePullPolicy: 'Never', ...CONTAINER_DEFAULTS,
        readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
        livenessProbe: { grpc: { port: 9000, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        startupProbe: { tcpSocket: { port: 80 }, failureThreshold: 30, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1 },
        lifecycle: { preStop: { httpGet: { port: 80, path: '/stop', scheme: 'HTTP' } } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }, { name: 'A', value: 'b' }],
      },
    },
  ];
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in) as Container;
    defaultContainer(x);
    expect(x).toEqual(c.want);
  });
});

describe('defaultVolume', () => {
  const cases: { name: string; in: Record<string, unknown>; want: Record<string, unknown> }[] = [
    { name: 'no source: emptyDir', in: { name: 'v' }, want: { name: 'v', emptyDir: {} } },
    { name: 'hostPath type ""', in: { name: 'v', hostPath: { path: '/x' } }, want: { name: 'v', hostPath: { path: '/x', type: '' } } },
    { name: 'secret defaultMode 420', in: { name: 'v', secret: { secretName: 's' } }, want: { name: 'v', secret: { secretName: 's', defaultMode: 420 } } },
    { name: 'configMap mode kept', in: { name: 'v', configMap: { name: 'c', defaultMode: 256 } }, want: { name: 'v', configMap: { name: 'c', defaultMode: 256 } } },
    {
      name: 'projected: token expiry and fieldRef',
      in: { name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } },
      want: {
        name: 'v',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: 't', expirationSeconds: 3600 } },
            { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }] } },
          ],
        },
      },
    },
    { name: 'pvc source untouched', in: { name: 'v', persistentVolumeClaim: { claimName: 'c' } }, want: { name: 'v', persistentVolumeClaim: { claimName: 'c' } } },
  ];
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    defaultVolume(x);
    expect(x).toEqual(c.want);
  });
});

describe('defaultPodSpec / defaultPodTemplateSpec / defaultPod', () => {
  it.each([
    {
      name: 'pod spec',
      run: () => {
        const s = { containers: [{ name: 'c', image: 'busybox:1.36' }], initContainers: [{ name: 'i', image: 'busybox' }] } as PodSpec;
        defaultPodSpec(s);
        return s;
      },
      want: {
        ...SPEC_DEFAULTS,
        containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', ...CONTAINER_DEFAULTS }],
        initContainers: [{ name: 'i', image: 'busybox', imagePullPolicy: 'Always', ...CONTAINER_DEFAULTS }],
      },
    },
    {
      name: 'pod spec keeps given values',
      run: () => {
        const s = { containers: [], dnsPolicy: 'Default', restartPolicy: 'Never', terminationGracePeriodSeconds: 0, schedulerName: 'x', securityContext: { runAsUser: 1 } } as unknown as PodSpec;
        defaultPodSpec(s);
        return s;
      },
      want: { containers: [], dnsPolicy: 'Default', restartPolicy: 'Never', terminationGracePeriodSeconds: 0, schedulerName: 'x', securityContext: { runAsUser: 1 } },
    },
    {
      name: 'template gets creationTimestamp null',
      run: () => {
        const t = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
        defaultPodTemplateSpec(t);
        return t;
      },
      want: {
        metadata: { labels: { app: 'a' }, creationTimestamp: null },
        spec: { ...SPEC_DEFAULTS, containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Always', ...CONTAINER_DEFAULTS }] },
      },
    },
    {
      name: 'pod: enableServiceLinks, requests from limits, host ports',
      run: () => {
        const p = {
          apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
          spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' }, requests: { memory: '1Gi' } } }] },
        } as unknown as Pod;
        defaultPod(p);
        return p;
      },
      want: {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
        spec: {
          ...SPEC_DEFAULTS, hostNetwork: true, enableServiceLinks: true,
          containers: [{
            name: 'c', image: 'nginx:1', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
            ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '1' }, requests: { memory: '1Gi', cpu: '1' } },
          }],
        },
      },
    },
  ])('$name', ({ run, want }) => expect(run()).toEqual(want));
});
