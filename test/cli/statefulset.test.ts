// A StatefulSet behind a headless Service, as the tutorials run it: stable pod names and
// hostnames, per-pod DNS names, claims per ordinal, a deleted pod made again under its name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const manifest = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{port: 80, name: web}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports: [{containerPort: 80, name: web}]
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

const col = (out: string, i: number) => out.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[i]);

describe('StatefulSet behind a headless Service', () => {
  it('runs web-0..2 with stable names, DNS names and claims', async () => {
    expect((await sb.run(['apply', '-f', '-'], { stdin: manifest })).stdout).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect((await sb.run(['get', 'sts'])).stdout).toBe('NAME   READY   AGE\nweb    3/3     0s\n');
    expect(col((await sb.run(['get', 'pods'])).stdout, 0)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(col((await sb.run(['get', 'pvc'])).stdout, 0)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    const ip0 = (await sb.run(['get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}'])).stdout;
    const dns = await sb.run(['resolve', 'web-0.nginx.default.svc.cluster.local', '-o', 'json']);
    expect(JSON.parse(dns.stdout).answers.map((a: { data: string }) => a.data)).toEqual([ip0]);
    const slices = (await sb.run(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=nginx', '-o', 'jsonpath={.items[0].endpoints[*].hostname}'])).stdout;
    expect(slices.split(' ').sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const events = (await sb.run(['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={.items[*].message}'])).stdout;
    expect(events).toContain('create Pod web-0 in StatefulSet web successful');
    const d = (await sb.run(['describe', 'sts', 'web'])).stdout;
    expect(d).toMatch(/\nReplicas: +3 desired \| 3 total\n/);
    expect(d).toMatch(/\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
    expect(d).toMatch(/\n  Normal  SuccessfulCreate  \S+ +statefulset-controller  create Pod web-2 in StatefulSet web successful\n/);
  });

  it('an ordered set of 30 comes up whole in one apply (a round a pod)', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: manifest.replace('replicas: 3', 'replicas: 30') });
    expect((await sb.run(['get', 'sts', 'web', '-o', 'jsonpath={.status.readyReplicas}'])).stdout).toBe('30');
    await sb.run(['scale', 'sts', 'web', '--replicas=45']);
    expect((await sb.run(['get', 'sts', 'web', '-o', 'jsonpath={.status.readyReplicas}'])).stdout).toBe('45');
  });

  it('makes a deleted pod again under its name and keeps claims when scaled down', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: manifest });
    expect((await sb.run(['delete', 'pod', 'web-1'])).stdout).toBe('pod "web-1" deleted\n');
    expect(col((await sb.run(['get', 'pods'])).stdout, 0)).toEqual(['web-0', 'web-1', 'web-2']);
    expect((await sb.run(['scale', 'statefulset', 'web', '--replicas=1'])).stdout).toBe('statefulset.apps/web scaled\n');
    expect(col((await sb.run(['get', 'pods'])).stdout, 0)).toEqual(['web-0']);
    expect(col((await sb.run(['get', 'pvc'])).stdout, 0)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect((await sb.run(['get', 'sts', 'web', '-o', 'jsonpath={.status.replicas}/{.status.readyReplicas}'])).stdout).toBe('1/1');
    await sb.run(['delete', 'sts', 'web']);
    expect((await sb.run(['get', 'pods'])).stderr).toBe('No resources found in default namespace.\n');
  });
});
