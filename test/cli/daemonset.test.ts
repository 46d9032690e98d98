// A DaemonSet behind a Service, as node agents run: one pod per node, endpoints on every node, a
// new image rolled out node by node, history and rollback, nodes chosen by nodeSelector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, labels: {app: node-exporter}}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      containers:
      - name: node-exporter
        image: prom/node-exporter:v1.8.2
        ports: [{containerPort: 9100, name: metrics}]
---
apiVersion: v1
kind: Service
metadata: {name: node-exporter}
spec:
  selector: {app: node-exporter}
  ports: [{port: 9100, targetPort: metrics}]
`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

const col = (out: string, i: number) => out.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[i]);
const jsonpath = async (...args: string[]) => (await sb.run([...args.slice(0, -1), '-o', `jsonpath=${args.at(-1)}`])).stdout;

describe('DaemonSet', () => {
  it('runs one pod on every node, each an endpoint of the Service', async () => {
    expect((await sb.run(['apply', '-f', '-'], { stdin: manifest })).stdout).toBe('daemonset.apps/node-exporter created\nservice/node-exporter created\n');
    expect((await sb.run(['get', 'ds'])).stdout).toBe(
      'NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nnode-exporter   3         3         3       3            3           <none>          0s\n',
    );
    const wide = (await sb.run(['get', 'pods', '-o', 'wide'])).stdout;
    expect(col(wide, 6).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(col(wide, 0).every((n) => /^node-exporter-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toBe(true);
    const ips = col(wide, 5).sort();
    expect((await sb.run(['get', 'ep', 'node-exporter'])).stdout).toContain(ips.map((ip) => `${ip}:9100`).join(','));
    // Bound by node affinity, carrying the revision hash and template generation, tolerating node conditions.
    const pod = col(wide, 0)[0];
    expect(await jsonpath('get', 'pod', pod, '{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key}')).toBe('metadata.name');
    expect(await jsonpath('get', 'pod', pod, '{.metadata.labels.pod-template-generation}')).toBe('1');
    expect(await jsonpath('get', 'ds', 'node-exporter', '{.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}')).toBe('1');
    const d = (await sb.run(['describe', 'ds', 'node-exporter'])).stdout;
    expect(d).toContain('\nDesired Number of Nodes Scheduled: 3\nCurrent Number of Nodes Scheduled: 3\n');
    expect(d).toMatch(/\n {2}Normal {2}SuccessfulCreate {2}\S+ +daemonset-controller {2}Created pod: node-exporter-\w{5}\n/);
    // A deleted pod comes back on its node under a new name.
    const onNode2 = (await sb.run(['get', 'pods', '--field-selector', 'spec.nodeName=node-2', '-o', 'name'])).stdout.trim();
    await sb.run(['delete', onNode2]);
    const again = (await sb.run(['get', 'pods', '--field-selector', 'spec.nodeName=node-2', '-o', 'name'])).stdout.trim();
    expect(again).toMatch(/^pod\/node-exporter-\w{5}$/);
    expect(again).not.toBe(onNode2);
  });

  it('rolls a new image out to every node, keeps the history and rolls back', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: manifest });
    const first = await jsonpath('get', 'pods', '{.items[*].metadata.name}');
    expect((await sb.run(['set', 'image', 'ds/node-exporter', 'node-exporter=prom/node-exporter:v1.9.0'])).stdout).toBe('daemonset.apps/node-exporter image updated\n');
    expect((await jsonpath('get', 'pods', '{.items[*].spec.containers[0].image}')).split(' ')).toEqual(Array(3).fill('prom/node-exporter:v1.9.0'));
    expect((await jsonpath('get', 'pods', '{.items[*].metadata.name}')).split(' ').some((n) => first.includes(n))).toBe(false);
    expect((await sb.run(['rollout', 'status', 'ds/node-exporter'])).stdout).toBe('daemon set "node-exporter" successfully rolled out\n');
    expect((await sb.run(['rollout', 'history', 'daemonset/node-exporter'])).stdout).toBe('daemonset.apps/node-exporter \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await sb.run(['rollout', 'history', 'ds/node-exporter', '--revision=1'])).stdout).toContain('\n    Image:\tprom/node-exporter:v1.8.2\n');
    expect((await sb.run(['rollout', 'undo', 'ds/node-exporter'])).stdout).toBe('daemonset.apps/node-exporter rolled back\n');
    expect((await jsonpath('get', 'pods', '{.items[*].spec.containers[0].image}')).split(' ')).toEqual(Array(3).fill('prom/node-exporter:v1.8.2'));
    // The restored template's revision is renumbered the newest; the template generation counts every change.
    expect(await jsonpath('get', 'controllerrevisions', '{.items[*].revision}')).toBe('3 2'.split(' ').sort().join(' '));
    expect(await jsonpath('get', 'ds', 'node-exporter', '{.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}')).toBe('3');
    expect((await sb.run(['rollout', 'undo', 'ds/node-exporter', '--to-revision=3'])).stdout).toBe('daemonset.apps/node-exporter skipped rollback (current template already matches revision 3)\n');
  });

  it('runs only on the nodes its nodeSelector picks, following node labels', async () => {
    await sb.run(['cluster', 'init', '--nodes', '5']);
    await sb.run(['apply', '-f', '-'], { stdin: manifest.replace('    spec:\n      containers:', '    spec:\n      nodeSelector: {disk: ssd}\n      containers:') });
    expect(await jsonpath('get', 'ds', 'node-exporter', '{.status.desiredNumberScheduled}')).toBe('0');
    expect((await sb.run(['label', 'node', 'node-2', 'node-4', 'disk=ssd'])).stdout).toBe('node/node-2 labeled\nnode/node-4 labeled\n');
    expect((await jsonpath('get', 'pods', '{.items[*].spec.nodeName}')).split(' ').sort()).toEqual(['node-2', 'node-4']);
    await sb.run(['label', 'node', 'node-2', 'disk-']);
    expect(await jsonpath('get', 'pods', '{.items[*].spec.nodeName}')).toBe('node-4');
    expect((await sb.run(['get', 'ds'])).stdout).toBe(
      'NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nnode-exporter   1         1         1       1            1           disk=ssd        0s\n',
    );
  });

  it('is refused as kube-apiserver refuses it', async () => {
    const bad = manifest.replace('    metadata: {labels: {app: node-exporter}}\n', '    metadata: {labels: {app: other}}\n').replace('      containers:', '      restartPolicy: Never\n      containers:');
    const r = await sb.run(['apply', '-f', '-'], { stdin: bad.split('---')[0] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'The DaemonSet "node-exporter" is invalid: \n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });
});
