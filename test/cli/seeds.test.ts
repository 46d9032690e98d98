// The tutorials' command sequences (../shared/seeds), run with svcctl in place of kubectl.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const SEEDS = join(__dirname, '..', '..', 'fixtures', 'seeds');
const seed = (f: string) => join(SEEDS, f);

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

/** Rows of a table as arrays of cells (columns are separated by 2+ spaces). */
function rows(out: string): string[][] {
  return out
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s{2,}/));
}

async function json(args: string[]) {
  const r = await sb.run([...args, '-o', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('Kubernetes Services tutorial (MariaDB): ClusterIP, NodePort, LoadBalancer, ExternalName, headless', () => {
  it('runs every step as the tutorial shows it', async () => {
    for (const [f, line] of [
      ['mariadb/mariadb-pvc.yaml', 'persistentvolumeclaim/mariadb-pvc created'],
      ['mariadb/mariadb-secret.yaml', 'secret/mariadb-secret created'],
      ['mariadb/mariadb-deployment.yaml', 'deployment.apps/mariadb-deployment created'],
      ['mariadb/mariadb-service.yaml', 'service/mariadb-service created'],
    ]) {
      expect(await sb.run(['apply', '-f', seed(f)])).toEqual({ exitCode: 0, stdout: `${line}\n`, stderr: '' });
    }
    sb.advance(113);
    const svc = rows((await sb.run(['get', 'svc', 'mariadb-service'])).stdout);
    expect(svc[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(svc[1]).toEqual(['mariadb-service', 'ClusterIP', expect.stringMatching(/^10\./), '<none>', '3306/TCP', '113s']);

    const pods = rows((await sb.run(['get', 'pods'])).stdout);
    expect(pods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods[1]).toEqual([expect.stringMatching(/^mariadb-deployment-[a-z0-9]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/), '1/1', 'Running', '0', '113s']);

    expect((await sb.run(['apply', '-f', seed('svc-nodeport-mariadb.yml')])).stdout).toBe('service/svc-nodeport-mariadb created\n');
    sb.advance(100);
    const np = rows((await sb.run(['get', 'service/svc-nodeport-mariadb', '-o', 'wide'])).stdout);
    expect(np[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(np[1]).toEqual(['svc-nodeport-mariadb', 'NodePort', expect.stringMatching(/^10\./), '<none>', '3306:31111/TCP', '100s', 'app=mariadb']);

    const nodes = rows((await sb.run(['get', 'nodes', '-o', 'wide'])).stdout);
    expect(nodes.map((r) => r.slice(0, 7))).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP'],
      ['node-1', 'Ready', '<none>', '3m33s', 'v1.33.0', '172.18.0.2', '<none>'],
      ['node-2', 'Ready', '<none>', '3m33s', 'v1.33.0', '172.18.0.3', '<none>'],
      ['node-3', 'Ready', '<none>', '3m33s', 'v1.33.0', '172.18.0.4', '<none>'],
    ]);

    expect((await sb.run(['apply', '-f', seed('svc-mariadb-loadbalancer.yml')])).stdout).toBe('service/svc-mariadb-loadbalancer created\n');
    sb.advance(55);
    const lb = rows((await sb.run(['get', 'service/svc-mariadb-loadbalancer'])).stdout);
    expect(lb[1]).toEqual(['svc-mariadb-loadbalancer', 'LoadBalancer', expect.stringMatching(/^10\./), '172.18.255.200', expect.stringMatching(/^3306:3\d{4}\/TCP$/), '55s']);

    expect((await sb.run(['apply', '-f', seed('training-aurora-svc.yml')])).stdout).toBe('service/training-aurora-svc created\n');
    const en = rows((await sb.run(['get', 'service/training-aurora-svc'])).stdout);
    expect(en[1]).toEqual(['training-aurora-svc', 'ExternalName', '<none>', 'training-aurora.cluster-abcdefghijkl.us-east-1.rds.amazonaws.com', '<none>', '0s']);

    expect((await sb.run(['apply', '-f', seed('headless-svc.yaml')])).stdout).toBe('service/headless-svc created\n');
    const hl = rows((await sb.run(['get', 'svc', 'headless-svc'])).stdout);
    expect(hl[1]).toEqual(['headless-svc', 'ClusterIP', 'None', '<none>', '80/TCP', '0s']);
  });
});

describe('pods come and go; the Service stays', () => {
  beforeEach(async () => {
    await sb.run(['apply', '-f', seed('mariadb')]);
  });

  it('endpoints follow a replaced pod while the ClusterIP stays put', async () => {
    const ip = (await json(['get', 'svc', 'mariadb-service'])).spec.clusterIP;
    const [pod] = (await json(['get', 'pods'])).items;
    expect((await sb.run(['get', 'endpoints', 'mariadb-service', '--no-headers'])).stdout).toMatch(
      new RegExp(`^mariadb-service\\s+${pod.status.podIP.replaceAll('.', '\\.')}:3306\\s+0s\\n$`),
    );
    expect((await sb.run(['delete', 'pod', pod.metadata.name])).stdout).toBe(`pod "${pod.metadata.name}" deleted\n`);
    const [next] = (await json(['get', 'pods'])).items;
    expect(next.metadata.name).not.toBe(pod.metadata.name);
    expect(next.status.podIP).not.toBe(pod.status.podIP);
    expect(next.status.phase).toBe('Running');
    const ep = await json(['get', 'ep', 'mariadb-service']);
    expect(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual([next.status.podIP]);
    expect((await json(['get', 'svc', 'mariadb-service'])).spec.clusterIP).toBe(ip);
  });

  it('scaling spreads pods over the nodes and the EndpointSlice lists them all', async () => {
    expect((await sb.run(['scale', 'deployment', 'mariadb-deployment', '--replicas=3'])).stdout).toBe(
      'deployment.apps/mariadb-deployment scaled\n',
    );
    const pods = (await json(['get', 'pods'])).items;
    expect(pods.map((p: { spec: { nodeName: string } }) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const slices = rows((await sb.run(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=mariadb-service'])).stdout);
    expect(slices[0]).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(slices[1][0]).toMatch(/^mariadb-service-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices[1].slice(1, 3)).toEqual(['IPv4', '3306']);
    expect(slices[1][3].split(',').sort()).toEqual(pods.map((p: { status: { podIP: string } }) => p.status.podIP).sort());
    const deploy = rows((await sb.run(['get', 'deploy'])).stdout);
    expect(deploy[1]).toEqual(['mariadb-deployment', '3/3', '3', '3', '0s']);
  });

  it('a pod that is not ready leaves the endpoints, and comes back', async () => {
    const [pod] = (await json(['get', 'pods'])).items;
    expect((await sb.run(['sim', 'ready', `pod/${pod.metadata.name}=false`])).exitCode).toBe(0);
    const ep = await json(['get', 'ep', 'mariadb-service']);
    expect(ep.subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toEqual([pod.status.podIP]);
    expect(ep.subsets[0].addresses).toBeUndefined();
    // Only not-ready addresses: printers.go's formatEndpoints yields an empty cell (not <none>).
    expect((await sb.run(['get', 'ep', 'mariadb-service', '--no-headers'])).stdout).toMatch(/^mariadb-service\s+0s\n$/);
    await sb.run(['sim', 'ready', `pod/${pod.metadata.name}=true`]);
    expect((await json(['get', 'ep', 'mariadb-service'])).subsets[0].addresses[0].ip).toBe(pod.status.podIP);
  });
});

describe('LoadBalancer without a pool (bare metal)', () => {
  it('stays <pending>', async () => {
    expect((await sb.run(['cluster', 'init', '--lb-pool', 'none'])).exitCode).toBe(0);
    await sb.run(['apply', '-f', seed('svc-mariadb-loadbalancer.yml')]);
    const lb = rows((await sb.run(['get', 'svc', 'svc-mariadb-loadbalancer'])).stdout);
    expect(lb[1][3]).toBe('<pending>');
  });
});

describe('expose, as in the Services 101 tutorial', () => {
  it('exposes hello-pod on a NodePort', async () => {
    await sb.run(['apply', '-f', seed('hello-pod.yaml')]);
    const r = await sb.run(['expose', 'pod', 'hello-pod', '--name=hello-svc', '--target-port=8080', '--type=NodePort']);
    expect(r).toEqual({ exitCode: 0, stdout: 'service/hello-svc exposed\n', stderr: '' });
    sb.advance(12);
    const svc = rows((await sb.run(['get', 'svc'])).stdout);
    expect(svc[1]).toEqual(['hello-svc', 'NodePort', expect.stringMatching(/^10\./), '<none>', expect.stringMatching(/^8080:3\d{4}\/TCP$/), '12s']);
    expect(svc[2]).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '12s']);
  });
});

describe('readiness probes and simulated time', () => {
  it('keeps a pod out of the endpoints until its probe delay has passed in simulated time', async () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: slow
spec:
  replicas: 1
  selector: {matchLabels: {app: slow}}
  template:
    metadata: {labels: {app: slow}}
    spec:
      containers:
      - name: app
        image: nginx
        ports: [{containerPort: 80}]
        readinessProbe:
          httpGet: {path: /, port: 80}
          initialDelaySeconds: 30
---
apiVersion: v1
kind: Service
metadata:
  name: slow
spec:
  selector: {app: slow}
  ports: [{port: 80}]
`;
    expect((await sb.run(['apply', '-f', '-'], { stdin: deploy })).exitCode).toBe(0);
    expect(rows((await sb.run(['get', 'pods', '--no-headers'])).stdout)[0].slice(1, 3)).toEqual(['0/1', 'Running']);
    expect((await json(['get', 'ep', 'slow'])).subsets[0].addresses).toBeUndefined();
    expect((await sb.run(['sim', 'advance', '20s'])).stdout).toBe('simulated time advanced by 20s\n');
    expect(rows((await sb.run(['get', 'pods', '--no-headers'])).stdout)[0][1]).toBe('0/1');
    await sb.run(['sim', 'advance', '10s']);
    expect(rows((await sb.run(['get', 'pods', '--no-headers'])).stdout)[0].slice(1, 3)).toEqual(['1/1', 'Running']);
    expect((await json(['get', 'ep', 'slow'])).subsets[0].addresses).toHaveLength(1);
  });
});

describe('labels decide which pods a Service sends traffic to', () => {
  it('label takes a pod out of a Service and back, as kubectl label does', async () => {
    await sb.run(['apply', '-f', seed('hello-pod.yaml')]);
    await sb.run(['expose', 'pod', 'hello-pod', '--port=80', '--target-port=8080']);
    const ip = (await json(['get', 'pod', 'hello-pod'])).status.podIP;
    const endpoints = async () => rows((await sb.run(['get', 'ep', 'hello-pod', '--no-headers'])).stdout)[0][1];
    expect(await endpoints()).toBe(`${ip}:8080`);
    expect(await sb.run(['label', 'pod', 'hello-pod', 'app=other'])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: "error: 'app' already has a value (hello), and --overwrite is false\n",
    });
    expect((await sb.run(['label', 'pod', 'hello-pod', 'app=other', '--overwrite'])).stdout).toBe('pod/hello-pod labeled\n');
    expect(await endpoints()).toBe('<none>');
    expect((await sb.run(['label', 'pod/hello-pod', 'app=hello', '--overwrite', 'tier=web'])).stdout).toBe('pod/hello-pod labeled\n');
    expect(await endpoints()).toBe(`${ip}:8080`);
    expect((await sb.run(['label', 'pod', 'hello-pod', 'tier-'])).stdout).toBe('pod/hello-pod unlabeled\n');
    expect((await sb.run(['label', 'pod', 'hello-pod', 'tier-'])).stdout).toBe('pod/hello-pod not labeled\n');
  });
});
