import { describe, expect, it } from 'vitest';
import type { KubeObject, ReplicaSet } from '../types.js';
import { podFromTemplate } from '../../controllers/replicaset.js';
import { defaultObject } from './objects.js';

const tmplIn = () => ({ metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
const tmplOut = {
  metadata: { labels: { app: 'a' }, creationTimestamp: null },
  spec: {
    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
    containers: [{
      name: 'c', image: 'nginx', imagePullPolicy: 'Always', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }],
  },
};
const obj = (apiVersion: string, kind: string, spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({
  apiVersion, kind, metadata: { name: 'x', ...(labels ? { labels } : {}) }, spec,
});

const cases: { name: string; in: KubeObject; want: KubeObject }[] = [
  {
    name: 'Deployment',
    in: obj('apps/v1', 'Deployment', { selector: { matchLabels: { app: 'a' } }, template: tmplIn() }),
    want: obj('apps/v1', 'Deployment', {
      replicas: 1, selector: { matchLabels: { app: 'a' } }, template: tmplOut, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    }),
  },
  {
    name: 'Deployment Recreate gets no rollingUpdate',
    in: obj('apps/v1', 'Deployment', { replicas: 0, strategy: { type: 'Recreate' }, template: tmplIn() }),
    want: obj('apps/v1', 'Deployment', { replicas: 0, strategy: { type: 'Recreate' }, template: tmplOut, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 }),
  },
  {
    name: 'Deployment partial rollingUpdate',
    in: obj('apps/v1', 'Deployment', { strategy: { rollingUpdate: { maxSurge: 1 } }, template: tmplIn() }),
    want: obj('apps/v1', 'Deployment', {
      replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } }, template: tmplOut,
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    }),
  },
  {
    name: 'ReplicaSet',
    in: obj('apps/v1', 'ReplicaSet', { template: tmplIn() }),
    want: obj('apps/v1', 'ReplicaSet', { replicas: 1, template: tmplOut }),
  },
  {
    name: 'DaemonSet',
    in: obj('apps/v1', 'DaemonSet', { template: tmplIn() }),
    want: obj('apps/v1', 'DaemonSet', {
      template: tmplOut, revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    }),
  },
  {
    name: 'DaemonSet OnDelete',
    in: obj('apps/v1', 'DaemonSet', { updateStrategy: { type: 'OnDelete' }, template: tmplIn() }),
    want: obj('apps/v1', 'DaemonSet', { template: tmplOut, revisionHistoryLimit: 10, updateStrategy: { type: 'OnDelete' } }),
  },
  {
    name: 'StatefulSet with a volumeClaimTemplate',
    in: obj('apps/v1', 'StatefulSet', {
      serviceName: 's', template: tmplIn(),
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }),
    want: obj('apps/v1', 'StatefulSet', {
      serviceName: 's', template: tmplOut, replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [{
        metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      }],
    }),
  },
  {
    name: 'StatefulSet OnDelete gets no partition',
    in: obj('apps/v1', 'StatefulSet', { updateStrategy: { type: 'OnDelete' }, template: tmplIn() }),
    want: obj('apps/v1', 'StatefulSet', {
      updateStrategy: { type: 'OnDelete' }, template: tmplOut, replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    }),
  },
  {
    name: 'ReplicationController: selector and labels from the template',
    in: obj('v1', 'ReplicationController', { template: tmplIn() }),
    want: obj('v1', 'ReplicationController', { replicas: 1, selector: { app: 'a' }, template: tmplOut }, { app: 'a' }),
  },
  {
    name: 'ReplicationController keeps its own selector and labels',
    in: obj('v1', 'ReplicationController', { replicas: 2, selector: { app: 'b' }, template: tmplIn() }, { tier: 'x' }),
    want: obj('v1', 'ReplicationController', { replicas: 2, selector: { app: 'b' }, template: tmplOut }, { tier: 'x' }),
  },
];

describe('workload defaulting', () => {
  it.each(cases)('$name', (c) => {
    const x = structuredClone(c.in);
    defaultObject(x.kind, x);
    expect(x).toEqual(c.want);
  });

  it.each([{ name: 'defaulting twice changes nothing' }])('$name', () => {
    for (const c of cases) {
      const x = structuredClone(c.want);
      defaultObject(x.kind, x);
      expect(x).toEqual(c.want);
    }
  });
});

describe('pods from a defaulted ReplicaSet template', () => {
  it.each([{ name: 'carry the PodSpec defaults' }])('$name', () => {
    const rs = obj('apps/v1', 'ReplicaSet', { selector: { matchLabels: { app: 'a' } }, template: tmplIn() }) as ReplicaSet;
    rs.metadata.namespace = 'default';
    rs.metadata.uid = 'u1';
    defaultObject('ReplicaSet', rs);
    const pod = podFromTemplate(rs, () => 0);
    expect(pod.metadata.labels).toEqual({ app: 'a' });
    // The template's defaults, plus what Pod defaulting and admission add to every new pod.
    expect(pod.spec).toMatchObject(tmplOut.spec);
    expect(pod.spec).toMatchObject({ enableServiceLinks: true, serviceAccountName: 'default', priority: 0 });
    // And the status the apiserver gives every pod it creates.
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
