// `get <kind>` and `get <kind> -o wide` for the kinds with a printers.go table beyond Services and
// Pods: one object of each, applied together; the header line must carry printers.go's columns
// (priority-1 columns only with -o wide) and the row must start with the object's name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const manifest = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {nodeSelector: {kubernetes.io/os: linux}, containers: [{name: agent, image: fluentd:1}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: pi, image: perl:5}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: OnFailure, containers: [{name: task, image: busybox}]}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  replicas: 1
  selector: {app: rc}
  template:
    metadata: {labels: {app: rc}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: standard
  hostPath: {path: /data/pv1}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: rancher.io/local-path
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: viewer}
rules:
- {apiGroups: [""], resources: [services], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: ci, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: view-all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
subjects:
- {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: leader}
spec: {holderIdentity: node-1, leaseDurationSeconds: 15}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
description: high priority
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object}
`;

let sb: Sandbox;
beforeAll(async () => {
  sb = new Sandbox();
  const f = join(sb.state, 'kinds.yaml');
  writeFileSync(f, manifest);
  const r = await sb.run(['apply', '-f', f]);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  sb.advance(120);
});
afterAll(() => sb.dispose());

/** Header names with inner spaces written as `_` (tabwriter separates columns by two or more spaces). */
const headerOf = (line: string): string =>
  line
    .trimEnd()
    .split(/ {2,}/)
    .map((h) => h.replaceAll(' ', '_'))
    .join(' ');

// header: the default columns; wide: the priority-1 columns -o wide appends.
const cases = [
  { resource: 'statefulsets', first: 'db', header: 'NAME READY AGE', wide: 'CONTAINERS IMAGES' },
  { resource: 'daemonsets', first: 'agent', header: 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE_SELECTOR AGE', wide: 'CONTAINERS IMAGES SELECTOR' },
  { resource: 'jobs', first: 'pi', header: 'NAME STATUS COMPLETIONS DURATION AGE', wide: 'CONTAINERS IMAGES SELECTOR' },
  { resource: 'cronjobs', first: 'nightly', header: 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST_SCHEDULE AGE', wide: 'CONTAINERS IMAGES SELECTOR' },
  { resource: 'replicationcontrollers', first: 'rc', header: 'NAME DESIRED CURRENT READY AGE', wide: 'CONTAINERS IMAGES SELECTOR' },
  { resource: 'ingresses', first: 'web', header: 'NAME CLASS HOSTS ADDRESS PORTS AGE', wide: '' },
  { resource: 'ingressclasses', first: 'nginx', header: 'NAME CONTROLLER PARAMETERS AGE', wide: '' },
  { resource: 'networkpolicies', first: 'deny-all', header: 'NAME POD-SELECTOR AGE', wide: '' },
  { resource: 'horizontalpodautoscalers', first: 'web', header: 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', wide: '' },
  { resource: 'persistentvolumes', first: 'pv1', header: 'NAME CAPACITY ACCESS_MODES RECLAIM_POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE', wide: 'VOLUMEMODE' },
  { resource: 'storageclasses', first: 'standard (default)', header: 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', wide: '' },
  { resource: 'poddisruptionbudgets', first: 'web', header: 'NAME MIN_AVAILABLE MAX_UNAVAILABLE ALLOWED_DISRUPTIONS AGE', wide: '' },
  { resource: 'roles', first: 'reader', header: 'NAME CREATED_AT', wide: '' },
  { resource: 'clusterroles', first: 'viewer', header: 'NAME CREATED_AT', wide: '' },
  { resource: 'rolebindings', first: 'read-pods', header: 'NAME ROLE AGE', wide: 'USERS GROUPS SERVICEACCOUNTS' },
  { resource: 'clusterrolebindings', first: 'view-all', header: 'NAME ROLE AGE', wide: 'USERS GROUPS SERVICEACCOUNTS' },
  // `default` is the serviceaccounts controller's, in every namespace.
  { resource: 'serviceaccounts', first: 'ci', header: 'NAME SECRETS AGE', wide: '', rows: 2 },
  { resource: 'leases', first: 'leader', header: 'NAME HOLDER AGE', wide: '' },
  { resource: 'priorityclasses', first: 'high', header: 'NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', wide: '' },
  { resource: 'customresourcedefinitions', first: 'widgets.example.com', header: 'NAME CREATED_AT', wide: '' },
];

describe('get <kind> headers', () => {
  it.each(cases.map((c) => ({ rows: 1, ...c, name: c.resource })))('$name', async ({ resource, first, header, wide, rows }) => {
    const plain = await sb.run(['get', resource]);
    expect(plain.stderr).toBe('');
    expect(plain.exitCode).toBe(0);
    const lines = plain.stdout.split('\n');
    expect(headerOf(lines[0])).toBe(header);
    expect(lines[1].startsWith(`${first}  `)).toBe(true);
    expect(lines).toHaveLength(2 + rows);

    const w = await sb.run(['get', resource, '-o', 'wide']);
    expect(w.exitCode).toBe(0);
    expect(headerOf(w.stdout.split('\n')[0])).toBe(wide ? `${header} ${wide}` : header);
  });
});

describe('get <kind> rows of other kinds (as stored, or as their controller left them)', () => {
  it.each([
    { name: 'job: Running, 0/1, no duration', args: ['get', 'job', 'pi'], row: ['pi', 'Running', '0/1', '', '2m'] },
    { name: 'hpa: current metric unknown', args: ['get', 'hpa', 'web'], row: ['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', '5', '0', '2m'] },
    { name: 'role: creation time', args: ['get', 'role', 'reader'], row: ['reader', '2025-01-01T00:00:00Z'] },
    { name: 'statefulset: its controller made 2 of 2 ready', args: ['get', 'sts', 'db'], row: ['db', '2/2', '2m'] },
  ])('$name', async ({ args, row }) => {
    const r = await sb.run(args);
    const header = r.stdout.split('\n')[0];
    const line = r.stdout.split('\n')[1];
    // Cut the row at the header's column starts: empty cells stay empty.
    const starts = [...header.matchAll(/\S+( \S+)*/g)].map((m) => m.index);
    const cells = starts.map((s, i) => line.slice(s, starts[i + 1]).trim());
    expect(cells).toEqual(row);
  });
});
