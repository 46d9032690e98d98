import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { defaultObject } from './objects.js';

const o = (apiVersion: string, kind: string, body: Record<string, unknown>): KubeObject => ({ apiVersion, kind, metadata: { name: 'x' }, ...body });

const cases: { name: string; in: KubeObject; want: KubeObject }[] = [
  { name: 'Secret type Opaque', in: o('v1', 'Secret', { data: {} }), want: o('v1', 'Secret', { data: {}, type: 'Opaque' }) },
  { name: 'Secret type kept', in: o('v1', 'Secret', { type: 'kubernetes.io/tls' }), want: o('v1', 'Secret', { type: 'kubernetes.io/tls' }) },
  {
    name: 'Secret stringData goes into data (base64 of UTF-8), over a data key of the same name',
    in: o('v1', 'Secret', { data: { a: 'b2xk', keep: 'eA==' }, stringData: { a: 'new', pw: 'pässword' } }),
    want: o('v1', 'Secret', { data: { a: 'bmV3', keep: 'eA==', pw: 'cMOkc3N3b3Jk' }, type: 'Opaque' }),
  },
  { name: 'Secret empty stringData dropped', in: o('v1', 'Secret', { stringData: {} }), want: o('v1', 'Secret', { type: 'Opaque' }) },
  {
    name: 'PersistentVolume',
    in: o('v1', 'PersistentVolume', { spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/d' } } }),
    want: o('v1', 'PersistentVolume', {
      spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/d', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    }),
  },
  {
    name: 'PersistentVolumeClaim',
    in: o('v1', 'PersistentVolumeClaim', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }),
    want: o('v1', 'PersistentVolumeClaim', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' },
    }),
  },
  {
    name: 'Endpoints port protocol',
    in: o('v1', 'Endpoints', { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] }),
    want: o('v1', 'Endpoints', { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }] }),
  },
  {
    name: 'EndpointSlice port name and protocol',
    in: o('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', ports: [{ port: 80 }] }),
    want: o('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', ports: [{ port: 80, name: '', protocol: 'TCP' }] }),
  },
  {
    name: 'LimitRange Container item',
    in: o('v1', 'LimitRange', { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }, { type: 'Pod', max: { cpu: '4' } }] } }),
    want: o('v1', 'LimitRange', {
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } },
          { type: 'Pod', max: { cpu: '4' } },
        ],
      },
    }),
  },
  {
    name: 'PriorityClass preemptionPolicy',
    in: o('scheduling.k8s.io/v1', 'PriorityClass', { value: 1000 }),
    want: o('scheduling.k8s.io/v1', 'PriorityClass', { value: 1000, preemptionPolicy: 'PreemptLowerPriority' }),
  },
  {
    name: 'HPA v2: minReplicas and the CPU metric',
    in: o('autoscaling/v2', 'HorizontalPodAutoscaler', { spec: { maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web' } } }),
    want: o('autoscaling/v2', 'HorizontalPodAutoscaler', {
      spec: {
        maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
    }),
  },
  {
    name: 'HPA v2: behavior filled in both directions',
    in: o('autoscaling/v2', 'HorizontalPodAutoscaler', {
      spec: { minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Pods' }], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
    }),
    want: o('autoscaling/v2', 'HorizontalPodAutoscaler', {
      spec: {
        minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Pods' }],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
          scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        },
      },
    }),
  },
  {
    name: 'HPA v1: minReplicas only',
    in: o('autoscaling/v1', 'HorizontalPodAutoscaler', { spec: { maxReplicas: 5 } }),
    want: o('autoscaling/v1', 'HorizontalPodAutoscaler', { spec: { maxReplicas: 5, minReplicas: 1 } }),
  },
  {
    name: 'NetworkPolicy with egress rules',
    in: o('networking.k8s.io/v1', 'NetworkPolicy', { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }], egress: [{}] } }),
    want: o('networking.k8s.io/v1', 'NetworkPolicy', {
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], egress: [{}], policyTypes: ['Ingress', 'Egress'] },
    }),
  },
  {
    name: 'NetworkPolicy ingress only',
    in: o('networking.k8s.io/v1', 'NetworkPolicy', { spec: { podSelector: {} } }),
    want: o('networking.k8s.io/v1', 'NetworkPolicy', { spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
  },
  {
    name: 'IngressClass parameters scope',
    in: o('networking.k8s.io/v1', 'IngressClass', { spec: { controller: 'x/y', parameters: { kind: 'K', name: 'n' } } }),
    want: o('networking.k8s.io/v1', 'IngressClass', { spec: { controller: 'x/y', parameters: { kind: 'K', name: 'n', scope: 'Cluster' } } }),
  },
  {
    name: 'StorageClass',
    in: o('storage.k8s.io/v1', 'StorageClass', { provisioner: 'p' }),
    want: o('storage.k8s.io/v1', 'StorageClass', { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }),
  },
  {
    name: 'CSIDriver',
    in: o('storage.k8s.io/v1', 'CSIDriver', { spec: {} }),
    want: o('storage.k8s.io/v1', 'CSIDriver', {
      spec: { attachRequired: true, podInfoOnMount: false, storageCapacity: false, fsGroupPolicy: 'ReadWriteOnceWithFSType', volumeLifecycleModes: ['Persistent'], requiresRepublish: false },
    }),
  },
  {
    name: 'RoleBinding roleRef and subjects',
    in: o('rbac.authorization.k8s.io/v1', 'RoleBinding', {
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'User', name: 'u' }, { kind: 'Group', name: 'g', apiGroup: 'other' }],
    }),
    want: o('rbac.authorization.k8s.io/v1', 'RoleBinding', {
      roleRef: { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', apiGroup: '' }, { kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'Group', name: 'g', apiGroup: 'other' }],
    }),
  },
  { name: 'ConfigMap untouched', in: o('v1', 'ConfigMap', { data: { a: 'b' } }), want: o('v1', 'ConfigMap', { data: { a: 'b' } }) },
];

describe('defaultObject for the other kinds', () => {
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    defaultObject(x.kind, x);
    expect(x).toEqual(c.want);
  });
});
