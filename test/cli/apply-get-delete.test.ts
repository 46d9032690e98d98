// The foundation's user story, run in-process against a fresh SQLite state directory each time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const SEEDS = join(__dirname, '..', '..', 'fixtures', 'seeds');

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

function write(name: string, text: string): string {
  const f = join(sb.state, name);
  writeFileSync(f, text);
  return f;
}

const service = (name: string, spec: string, ns = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
${spec}`;

async function clusterIP(name: string): Promise<string> {
  const r = await sb.run(['get', 'svc', name, '-o', 'jsonpath={.spec.clusterIP}']);
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

describe('a fresh cluster', () => {
  it('serves the kubernetes Service on the first address of the service CIDR', async () => {
    const r = await sb.run(['get', 'svc']);
    expect(r).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: 'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n',
    });
  });

  it('has the four system namespaces', async () => {
    const r = await sb.run(['get', 'ns', '--no-headers', '-o', 'name']);
    expect(r.stdout).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
  });

  it('says so when a namespace has no Services', async () => {
    const r = await sb.run(['get', 'svc', '-n', 'kube-public']);
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found in kube-public namespace.\n' });
  });
});

describe('apply -f on the MariaDB seed', () => {
  it('creates every object, then reports each as unchanged on a second apply', async () => {
    const first = await sb.run(['apply', '-f', join(SEEDS, 'mariadb')]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      [
        'deployment.apps/mariadb-deployment created',
        'persistentvolumeclaim/mariadb-pvc created',
        'secret/mariadb-secret created',
        'service/mariadb-service created',
        '',
      ].join('\n'),
    );
    expect(first.exitCode).toBe(0);
    const again = await sb.run(['apply', '-f', join(SEEDS, 'mariadb')]);
    expect(again.stdout).toBe(first.stdout.replaceAll(' created', ' unchanged'));
  });

  it('prints the Service table as kubectl does, and the SELECTOR with -o wide', async () => {
    await sb.run(['apply', '-f', join(SEEDS, 'mariadb', 'mariadb-service.yaml')]);
    sb.advance(113);
    const ip = await clusterIP('mariadb-service');
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    const pad = (s: string, n: number) => s.padEnd(n);
    const w = Math.max(ip.length, 'CLUSTER-IP'.length) + 3;
    const r = await sb.run(['get', 'svc']);
    expect(r.stdout).toBe(
      `NAME              TYPE        ${pad('CLUSTER-IP', w)}EXTERNAL-IP   PORT(S)    AGE\n` +
        `kubernetes        ClusterIP   ${pad('10.96.0.1', w)}<none>        443/TCP    113s\n` +
        `mariadb-service   ClusterIP   ${pad(ip, w)}<none>        3306/TCP   113s\n`,
    );
    const wide = await sb.run(['get', 'svc', 'mariadb-service', '-o', 'wide']);
    expect(wide.stdout).toBe(
      `NAME              TYPE        ${pad('CLUSTER-IP', w)}EXTERNAL-IP   PORT(S)    AGE    SELECTOR\n` +
        `mariadb-service   ClusterIP   ${pad(ip, w)}<none>        3306/TCP   113s   app=mariadb\n`,
    );
  });

  it('stores the object with its defaults and allocations (-o yaml)', async () => {
    await sb.run(['apply', '-f', join(SEEDS, 'mariadb', 'mariadb-service.yaml')]);
    const r = await sb.run(['get', 'svc', 'mariadb-service', '-o', 'json']);
    const svc = JSON.parse(r.stdout);
    expect(svc.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      internalTrafficPolicy: 'Cluster',
      clusterIPs: [svc.spec.clusterIP],
      ports: [{ port: 3306, protocol: 'TCP', targetPort: 3306 }],
    });
    expect(svc.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"mariadb-service","namespace":"default"},"spec":{"ports":[{"port":3306,"protocol":"TCP","targetPort":3306}],"selector":{"app":"mariadb"},"type":"ClusterIP"}}\n',
    );
    const all = await sb.run(['get', 'svc', '-A', '-o', 'yaml']);
    expect(all.stdout).toMatch(/^apiVersion: v1\nitems:\n/);
    expect(all.stdout).toContain('kind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('deletes a Service and gives its address back', async () => {
    await sb.run(['apply', '-f', join(SEEDS, 'mariadb', 'mariadb-service.yaml')]);
    const ip = await clusterIP('mariadb-service');
    const del = await sb.run(['delete', 'svc', 'mariadb-service']);
    expect(del).toEqual({ exitCode: 0, stdout: 'service "mariadb-service" deleted\n', stderr: '' });
    const gone = await sb.run(['get', 'svc', 'mariadb-service']);
    expect(gone).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): services "mariadb-service" not found\n' });
    // The freed address can be requested again.
    const f = write('again.yaml', service('again', `  clusterIP: ${ip}\n  ports:\n  - port: 80\n`));
    expect((await sb.run(['apply', '-f', f])).exitCode).toBe(0);
    expect(await clusterIP('again')).toBe(ip);
  });
});

describe('apiserver errors', () => {
  it.each([
    {
      name: 'port 0',
      spec: '  ports:\n  - port: 0\n',
      // targetPort defaults to port, so the apiserver reports both.
      err:
        'The Service "bad" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive\n',
    },
    {
      name: 'unsupported type',
      spec: '  type: Foo\n  ports:\n  - port: 80\n',
      err: 'The Service "bad" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
    },
    {
      name: 'node port out of range',
      spec: '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 40000\n',
      err: 'The Service "bad" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    },
  ])('refuses $name with the apiserver text and stores nothing', async ({ spec, err }) => {
    const f = write('bad.yaml', service('bad', spec));
    const r = await sb.run(['apply', '-f', f]);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: err });
    expect((await sb.run(['get', 'svc', 'bad'])).exitCode).toBe(1);
  });

  it('refuses a taken node port and keeps the first owner', async () => {
    expect((await sb.run(['apply', '-f', join(SEEDS, 'svc-nodeport-mariadb.yml')])).exitCode).toBe(0);
    const f = write('dup.yaml', service('dup', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31111\n'));
    const r = await sb.run(['apply', '-f', f]);
    expect(r.stderr).toBe('The Service "dup" is invalid: spec.ports[0].nodePort: Invalid value: 31111: provided port is already allocated\n');
    expect(r.exitCode).toBe(1);
  });

  it('frees node ports when a Service changes to ClusterIP', async () => {
    await sb.run(['apply', '-f', join(SEEDS, 'svc-nodeport-mariadb.yml')]);
    const asClusterIP = write('np.yaml', service('svc-nodeport-mariadb', '  type: ClusterIP\n  selector:\n    app: mariadb\n  ports:\n  - port: 3306\n'));
    const r = await sb.run(['apply', '-f', asClusterIP]);
    expect(r.stdout).toBe('service/svc-nodeport-mariadb configured\n');
    const f = write('dup.yaml', service('dup', '  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 31111\n'));
    expect((await sb.run(['apply', '-f', f])).stdout).toBe('service/dup created\n');
  });

  it('names an unknown namespace (without NamespaceAutoProvision)', async () => {
    await sb.run(['cluster', 'init', '--disable-admission-plugins=NamespaceAutoProvision']);
    const f = write('ns.yaml', service('web', '  ports:\n  - port: 80\n', 'nope'));
    const r = await sb.run(['apply', '-f', f]);
    expect(r.stderr).toBe(`Error from server (NotFound): error when creating "${f}": namespaces "nope" not found\n`);
    expect(r.exitCode).toBe(1);
  });

  it('rejects unknown fields as strict decoding does', async () => {
    const f = write('typo.yaml', service('web', '  prots:\n  - port: 80\n'));
    const r = await sb.run(['apply', '-f', f]);
    expect(r.stderr).toBe(
      `Error from server (BadRequest): error when creating "${f}": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"\n`,
    );
  });

  it('reports an unknown kind as kubectl does', async () => {
    const f = write('crd.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    const r = await sb.run(['apply', '-f', f]);
    expect(r.stderr).toBe(
      `error: resource mapping not found for name: "w" namespace: "" from "${f}": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n`,
    );
    expect(r.exitCode).toBe(1);
  });

  it('keeps applying the other objects when one fails', async () => {
    const f = write(
      'mixed.yaml',
      `${service('good', '  ports:\n  - port: 80\n')}---\n${service('bad', '  ports:\n  - port: 0\n')}---\n${service('also-good', '  ports:\n  - port: 81\n')}`,
    );
    const r = await sb.run(['apply', '-f', f]);
    expect(r.stdout).toBe('service/good created\nservice/also-good created\n');
    expect(r.stderr).toContain('The Service "bad" is invalid');
    expect(r.exitCode).toBe(1);
  });
});

describe('get', () => {
  beforeEach(async () => {
    await sb.run(['create', 'namespace', 'shop']);
    const f = write(
      'svcs.yaml',
      `${service('web', '  selector:\n    app: web\n  ports:\n  - port: 80\n', 'shop')}---\n${service('db', '  selector:\n    app: db\n  ports:\n  - port: 5432\n', 'shop')}`.replace(
        'name: db\n',
        'name: db\n  labels:\n    tier: data\n',
      ),
    );
    await sb.run(['apply', '-f', f]);
  });

  it('filters by label selector', async () => {
    const r = await sb.run(['get', 'svc', '-n', 'shop', '-l', 'tier=data', '-o', 'name']);
    expect(r.stdout).toBe('service/db\n');
    const none = await sb.run(['get', 'svc', '-n', 'shop', '-l', 'tier in (web)']);
    expect(none.stderr).toBe('No resources found in shop namespace.\n');
  });

  it('adds a NAMESPACE column with -A', async () => {
    const r = await sb.run(['get', 'svc', '-A', '--no-headers', '-o', 'wide']);
    const rows = r.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/)[0] + ' ' + l.split(/\s{2,}/)[1]);
    expect(rows).toEqual(['default kubernetes', 'shop db', 'shop web']);
  });

  it('refuses an unknown resource type', async () => {
    const r = await sb.run(['get', 'svcs']);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: 'error: the server doesn\'t have a resource type "svcs"\n' });
  });
});
