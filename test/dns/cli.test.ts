// `svcctl resolve` and `svcctl get dns` in-process on a cluster built by `svcctl apply`: every
// answer is read from the store at the moment of the command, so it follows applies and deletes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';
import { CLUSTER_YAML, serviceYaml } from './cluster.js';

/** Applies `yaml` in the sandbox and fails the test unless it succeeds. */
async function apply(sb: Sandbox, yaml: string): Promise<void> {
  const file = join(sb.state, `m-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const r = await sb.run(['apply', '-f', file]);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
}

/** The IP (and its dashed form) of the one pod behind Deployment web. */
async function webPod(sb: Sandbox): Promise<{ name: string; ip: string; dashed: string }> {
  const r = await sb.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].status.podIP}']);
  expect(r.exitCode).toBe(0);
  const [name, ip] = r.stdout.split(' ');
  expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
  return { name, ip, dashed: ip.replaceAll('.', '-') };
}

const json = (rcode: string, answers: [string, string, string][]) =>
  `{"rcode": "${rcode}", "answers": [${answers.map(([n, t, d]) => `{"name": "${n}", "type": "${t}", "ttl": 30, "data": "${d}"}`).join(', ')}]}\n`;

describe('on the applied cluster', () => {
  const sb = new Sandbox();
  let pod: { name: string; ip: string; dashed: string };
  beforeAll(async () => {
    await apply(sb, CLUSTER_YAML);
    pod = await webPod(sb);
  });
  afterAll(() => sb.dispose());

  // POD / POD_DASHED stand for the Deployment pod's IP, known once applied.
  const resolveCases: { name: string; args: string[]; exitCode: number; stdout: string }[] = [
    { name: 'ClusterIP short name through -n', args: ['web', '-n', 'default'], exitCode: 0, stdout: json('NOERROR', [['web.default.svc.cluster.local.', 'A', '10.96.10.10']]) },
    { name: 'name.namespace through svc.zone', args: ['web.default', '-n', 'shop'], exitCode: 0, stdout: json('NOERROR', [['web.default.svc.cluster.local.', 'A', '10.96.10.10']]) },
    { name: 'NodePort absolute', args: ['web-np.default.svc.cluster.local'], exitCode: 0, stdout: json('NOERROR', [['web-np.default.svc.cluster.local.', 'A', '10.96.10.11']]) },
    { name: 'LoadBalancer answers its ClusterIP', args: ['web-lb', '-n', 'default'], exitCode: 0, stdout: json('NOERROR', [['web-lb.default.svc.cluster.local.', 'A', '10.96.10.12']]) },
    { name: 'case-insensitive, the question case echoed', args: ['WEB.Default.SVC.cluster.local'], exitCode: 0, stdout: json('NOERROR', [['WEB.Default.SVC.cluster.local.', 'A', '10.96.10.10']]) },
    { name: 'headless: every ready endpoint', args: ['db', '-n', 'shop'], exitCode: 0, stdout: json('NOERROR', [['db.shop.svc.cluster.local.', 'A', '10.244.1.20'], ['db.shop.svc.cluster.local.', 'A', '10.244.2.21']]) },
    { name: 'pod hostname.subdomain', args: ['db-1.db', '-n', 'shop'], exitCode: 0, stdout: json('NOERROR', [['db-1.db.shop.svc.cluster.local.', 'A', '10.244.2.21']]) },
    { name: 'endpoint of a ClusterIP Service by dashed IP', args: ['POD_DASHED.web', '-n', 'default'], exitCode: 0, stdout: json('NOERROR', [['POD_DASHED.web.default.svc.cluster.local.', 'A', 'POD']]) },
    { name: 'pod A record', args: ['POD_DASHED.default.pod.cluster.local'], exitCode: 0, stdout: json('NOERROR', [['POD_DASHED.default.pod.cluster.local.', 'A', 'POD']]) },
    { name: 'SRV of a named port', args: ['_http._tcp.web', '-n', 'default', '--type', 'SRV'], exitCode: 0, stdout: json('NOERROR', [['_http._tcp.web.default.svc.cluster.local.', 'SRV', '0 100 80 web.default.svc.cluster.local.']]) },
    {
      name: 'SRV per endpoint of a headless Service',
      args: ['_mysql._tcp.db.shop.svc.cluster.local', '--type', 'srv'],
      exitCode: 0,
      stdout: json('NOERROR', [
        ['_mysql._tcp.db.shop.svc.cluster.local.', 'SRV', '0 50 3306 db-0.db.shop.svc.cluster.local.'],
        ['_mysql._tcp.db.shop.svc.cluster.local.', 'SRV', '0 50 3306 db-1.db.shop.svc.cluster.local.'],
      ]),
    },
    { name: 'ExternalName CNAME for an A question', args: ['ext', '-n', 'shop'], exitCode: 0, stdout: json('NOERROR', [['ext.shop.svc.cluster.local.', 'CNAME', 'db.example.com.']]) },
    { name: 'PTR by Service IP', args: ['10.96.10.11', '--type', 'PTR'], exitCode: 0, stdout: json('NOERROR', [['11.10.96.10.in-addr.arpa.', 'PTR', 'web-np.default.svc.cluster.local.']]) },
    { name: 'PTR by headless pod IP', args: ['10.244.1.20', '--type', 'PTR'], exitCode: 0, stdout: json('NOERROR', [['20.1.244.10.in-addr.arpa.', 'PTR', 'db-0.db.shop.svc.cluster.local.']]) },
    { name: 'AAAA is NODATA (exit 0)', args: ['web', '-n', 'default', '--type', 'AAAA'], exitCode: 0, stdout: json('NOERROR', []) },
    { name: 'unknown short name: NXDOMAIN, exit 1', args: ['nope', '-n', 'default'], exitCode: 1, stdout: json('NXDOMAIN', []) },
    { name: 'Service of another namespace not on the search path', args: ['web', '-n', 'shop'], exitCode: 1, stdout: json('NXDOMAIN', []) },
    { name: 'without -n a short name is absolute', args: ['web'], exitCode: 1, stdout: json('NXDOMAIN', []) },
    { name: 'a trailing dot skips the search path', args: ['web.', '-n', 'default'], exitCode: 1, stdout: json('NXDOMAIN', []) },
    { name: 'missing namespace', args: ['web.nope.svc.cluster.local'], exitCode: 1, stdout: json('NXDOMAIN', []) },
  ];

  it.each(resolveCases)('resolve -o json: $name', async (c) => {
    const sub = (s: string) => s.replaceAll('POD_DASHED', pod.dashed).replaceAll('POD', pod.ip);
    const r = await sb.run(['resolve', ...c.args.map(sub), '-o', 'json']);
    expect(r).toEqual({ exitCode: c.exitCode, stderr: '', stdout: sub(c.stdout) });
  });

  const digCases: { name: string; args: string[]; exitCode: number; stdout: string }[] = [
    {
      name: 'A',
      args: ['web', '-n', 'default'],
      exitCode: 0,
      stdout: ';; status: NOERROR\n\n;; ANSWER SECTION:\nweb.default.svc.cluster.local. 30 IN\tA\t10.96.10.10\n\n',
    },
    {
      name: 'SRV with the targets in ADDITIONAL',
      args: ['_mysql._tcp.db', '-n', 'shop', '--type', 'SRV'],
      exitCode: 0,
      stdout: [
        ';; status: NOERROR',
        '',
        ';; ANSWER SECTION:',
        '_mysql._tcp.db.shop.svc.cluster.local. 30 IN SRV 0 50 3306 db-0.db.shop.svc.cluster.local.',
        '_mysql._tcp.db.shop.svc.cluster.local. 30 IN SRV 0 50 3306 db-1.db.shop.svc.cluster.local.',
        '',
        ';; ADDITIONAL SECTION:',
        'db-0.db.shop.svc.cluster.local.\t30 IN\tA\t10.244.1.20',
        'db-1.db.shop.svc.cluster.local.\t30 IN\tA\t10.244.2.21',
        '',
        '',
      ].join('\n'),
    },
    { name: 'PTR', args: ['10.96.10.10', '--type', 'PTR'], exitCode: 0, stdout: ';; status: NOERROR\n\n;; ANSWER SECTION:\n10.10.96.10.in-addr.arpa. 30\tIN\tPTR\tweb.default.svc.cluster.local.\n\n' },
    { name: 'NXDOMAIN', args: ['nope', '-n', 'default'], exitCode: 1, stdout: ';; status: NXDOMAIN\n\n' },
  ];

  it.each(digCases)('resolve (dig-style): $name', async (c) => {
    const r = await sb.run(['resolve', ...c.args]);
    expect(r).toEqual({ exitCode: c.exitCode, stderr: '', stdout: c.stdout });
  });

  it('resolve (dig-style): NODATA carries the zone SOA with the store revision as serial', async () => {
    const r = await sb.run(['resolve', 'web.default.svc.cluster.local', '--type', 'AAAA']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^;; status: NOERROR\n\n;; AUTHORITY SECTION:\ncluster\.local\.\t\t30\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. [1-9]\d* 7200 1800 86400 30\n\n$/,
    );
  });

  it('resolve rejects an output format other than json', async () => {
    const r = await sb.run(['resolve', 'web', '-o', 'yaml']);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: 'error: unable to match a printer suitable for the output format "yaml", allowed formats are: json\n' });
  });

  it('get dns -n shop: the headless Service, its SRVs, pod names, PTRs, the ExternalName and pod records', async () => {
    const r = await sb.run(['get', 'dns', '-n', 'shop']);
    expect(r).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        'NAME                                     TYPE    DATA',
        'db.shop.svc.cluster.local.               A       10.244.1.20',
        'db.shop.svc.cluster.local.               A       10.244.2.21',
        '_mysql._tcp.db.shop.svc.cluster.local.   SRV     0 50 3306 db-0.db.shop.svc.cluster.local.',
        '_mysql._tcp.db.shop.svc.cluster.local.   SRV     0 50 3306 db-1.db.shop.svc.cluster.local.',
        'db-0.db.shop.svc.cluster.local.          A       10.244.1.20',
        'db-1.db.shop.svc.cluster.local.          A       10.244.2.21',
        '20.1.244.10.in-addr.arpa.                PTR     db-0.db.shop.svc.cluster.local.',
        '21.2.244.10.in-addr.arpa.                PTR     db-1.db.shop.svc.cluster.local.',
        'ext.shop.svc.cluster.local.              CNAME   db.example.com.',
        '10-244-1-20.shop.pod.cluster.local.      A       10.244.1.20',
        '10-244-2-21.shop.pod.cluster.local.      A       10.244.2.21',
        '',
      ].join('\n'),
    });
  });

  it('get dns -A: every namespace, NAMESPACE first, kubernetes included', async () => {
    const r = await sb.run(['get', 'dns', '-A']);
    const d = pod.dashed;
    const rev = pod.ip.split('.').reverse().join('.');
    const rows: [string, string, string, string][] = [
      ['NAMESPACE', 'NAME', 'TYPE', 'DATA'],
      ['default', 'kubernetes.default.svc.cluster.local.', 'A', '10.96.0.1'],
      ['default', '_https._tcp.kubernetes.default.svc.cluster.local.', 'SRV', '0 100 443 kubernetes.default.svc.cluster.local.'],
      ['default', '172-18-0-2.kubernetes.default.svc.cluster.local.', 'A', '172.18.0.2'],
      ['default', '1.0.96.10.in-addr.arpa.', 'PTR', 'kubernetes.default.svc.cluster.local.'],
      ['default', '2.0.18.172.in-addr.arpa.', 'PTR', '172-18-0-2.kubernetes.default.svc.cluster.local.'],
      ['default', 'web.default.svc.cluster.local.', 'A', '10.96.10.10'],
      ['default', '_http._tcp.web.default.svc.cluster.local.', 'SRV', '0 100 80 web.default.svc.cluster.local.'],
      ['default', `${d}.web.default.svc.cluster.local.`, 'A', pod.ip],
      ['default', '10.10.96.10.in-addr.arpa.', 'PTR', 'web.default.svc.cluster.local.'],
      // An endpoint IP behind three Services has three PTRs (CoreDNS's serviceRecordForIP), sorted.
      ['default', `${rev}.in-addr.arpa.`, 'PTR', `${d}.web-lb.default.svc.cluster.local.`],
      ['default', `${rev}.in-addr.arpa.`, 'PTR', `${d}.web-np.default.svc.cluster.local.`],
      ['default', `${rev}.in-addr.arpa.`, 'PTR', `${d}.web.default.svc.cluster.local.`],
      ['default', 'web-lb.default.svc.cluster.local.', 'A', '10.96.10.12'],
      ['default', `${d}.web-lb.default.svc.cluster.local.`, 'A', pod.ip],
      ['default', '12.10.96.10.in-addr.arpa.', 'PTR', 'web-lb.default.svc.cluster.local.'],
      ['default', 'web-np.default.svc.cluster.local.', 'A', '10.96.10.11'],
      ['default', '_http._tcp.web-np.default.svc.cluster.local.', 'SRV', '0 100 80 web-np.default.svc.cluster.local.'],
      ['default', `${d}.web-np.default.svc.cluster.local.`, 'A', pod.ip],
      ['default', '11.10.96.10.in-addr.arpa.', 'PTR', 'web-np.default.svc.cluster.local.'],
      ['default', `${d}.default.pod.cluster.local.`, 'A', pod.ip],
      ['shop', 'db.shop.svc.cluster.local.', 'A', '10.244.1.20'],
      ['shop', 'db.shop.svc.cluster.local.', 'A', '10.244.2.21'],
      ['shop', '_mysql._tcp.db.shop.svc.cluster.local.', 'SRV', '0 50 3306 db-0.db.shop.svc.cluster.local.'],
      ['shop', '_mysql._tcp.db.shop.svc.cluster.local.', 'SRV', '0 50 3306 db-1.db.shop.svc.cluster.local.'],
      ['shop', 'db-0.db.shop.svc.cluster.local.', 'A', '10.244.1.20'],
      ['shop', 'db-1.db.shop.svc.cluster.local.', 'A', '10.244.2.21'],
      ['shop', '20.1.244.10.in-addr.arpa.', 'PTR', 'db-0.db.shop.svc.cluster.local.'],
      ['shop', '21.2.244.10.in-addr.arpa.', 'PTR', 'db-1.db.shop.svc.cluster.local.'],
      ['shop', 'ext.shop.svc.cluster.local.', 'CNAME', 'db.example.com.'],
      ['shop', '10-244-1-20.shop.pod.cluster.local.', 'A', '10.244.1.20'],
      ['shop', '10-244-2-21.shop.pod.cluster.local.', 'A', '10.244.2.21'],
    ];
    // The longest NAME is fixed (_https._tcp.kubernetes...), so the column widths are too.
    const text = rows.map(([ns, name, type, data]) => `${ns.padEnd(12)}${name.padEnd(52)}${type.padEnd(8)}${data}\n`).join('');
    expect(r).toEqual({ exitCode: 0, stderr: '', stdout: text });
  });

  it.each([
    { name: 'a namespace with no names', args: ['-n', 'kube-public'], stderr: 'No resources found in kube-public namespace.\n' },
    { name: 'a namespace that does not exist', args: ['-n', 'nope'], stderr: 'No resources found in nope namespace.\n' },
  ])('get dns: $name', async (c) => {
    const r = await sb.run(['get', 'dns', ...c.args]);
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: c.stderr });
  });
});

describe('answers follow the store', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = new Sandbox();
    await apply(sb, CLUSTER_YAML);
  });
  afterEach(() => sb.dispose());

  const resolveJson = (...args: string[]) => sb.run(['resolve', ...args, '-o', 'json']);

  it('a Service resolves as soon as it is applied and is NXDOMAIN once deleted', async () => {
    expect(await resolveJson('api', '-n', 'shop')).toEqual({ exitCode: 1, stderr: '', stdout: json('NXDOMAIN', []) });
    await apply(sb, serviceYaml('api', 'shop', '  clusterIP: 10.96.30.30\n  ports:\n  - {name: grpc, port: 9090}\n'));
    expect(await resolveJson('api', '-n', 'shop')).toEqual({ exitCode: 0, stderr: '', stdout: json('NOERROR', [['api.shop.svc.cluster.local.', 'A', '10.96.30.30']]) });
    expect(await resolveJson('10.96.30.30', '--type', 'PTR')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: json('NOERROR', [['30.30.96.10.in-addr.arpa.', 'PTR', 'api.shop.svc.cluster.local.']]),
    });
    const del = await sb.run(['delete', 'svc', 'api', '-n', 'shop']);
    expect(del.exitCode).toBe(0);
    expect(await resolveJson('api', '-n', 'shop')).toEqual({ exitCode: 1, stderr: '', stdout: json('NXDOMAIN', []) });
    expect(await resolveJson('10.96.30.30', '--type', 'PTR')).toEqual({ exitCode: 1, stderr: '', stdout: json('NXDOMAIN', []) });
  });

  it('a headless Service drops a pod that turns not ready and serves it again when ready', async () => {
    const both = json('NOERROR', [['db.shop.svc.cluster.local.', 'A', '10.244.1.20'], ['db.shop.svc.cluster.local.', 'A', '10.244.2.21']]);
    expect((await resolveJson('db', '-n', 'shop')).stdout).toBe(both);
    expect((await sb.run(['sim', 'ready', 'pod/db-0=false', '-n', 'shop'])).exitCode).toBe(0);
    expect(await resolveJson('db', '-n', 'shop')).toEqual({ exitCode: 0, stderr: '', stdout: json('NOERROR', [['db.shop.svc.cluster.local.', 'A', '10.244.2.21']]) });
    // The pod itself still exists (NXDOMAIN would say the name is gone; it is only not published).
    expect((await resolveJson('db-0.db', '-n', 'shop')).stdout).toBe(json('NXDOMAIN', []));
    expect((await sb.run(['sim', 'ready', 'pod/db-0=true', '-n', 'shop'])).exitCode).toBe(0);
    expect((await resolveJson('db', '-n', 'shop')).stdout).toBe(both);
  });

  it('a Service whose type changes to ExternalName answers a CNAME at once', async () => {
    await apply(sb, serviceYaml('web-lb', 'default', '  type: ExternalName\n  externalName: lb.example.net\n'));
    expect(await resolveJson('web-lb', '-n', 'default')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: json('NOERROR', [['web-lb.default.svc.cluster.local.', 'CNAME', 'lb.example.net.']]),
    });
  });

  it('a replaced Deployment pod is answered under its new IP', async () => {
    const before = await webPod(sb);
    expect((await sb.run(['delete', 'pod', before.name])).exitCode).toBe(0);
    const after = await webPod(sb);
    expect(after.name).not.toBe(before.name);
    expect((await resolveJson(`${before.dashed}.web`, '-n', 'default')).exitCode).toBe(after.ip === before.ip ? 0 : 1);
    expect(await resolveJson(`${after.dashed}.web`, '-n', 'default')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: json('NOERROR', [[`${after.dashed}.web.default.svc.cluster.local.`, 'A', after.ip]]),
    });
  });
});

describe('get dns output formats', () => {
  it('adds the TTL with -o wide and prints records as a List with -o json|yaml', async () => {
    const sb = new Sandbox();
    try {
      const wide = await sb.run(['get', 'dns', '-o', 'wide']);
      expect(wide.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+TTL\s+DATA$/);
      expect(wide.stdout.split('\n')[1]).toMatch(/^kubernetes\.default\.svc\.cluster\.local\.\s+A\s+30\s+10\.96\.0\.1$/);
      const json = JSON.parse((await sb.run(['get', 'dns', '-o', 'json'])).stdout);
      expect(json.kind).toBe('List');
      expect(json.items[0]).toEqual({
        apiVersion: 'svcctl.io/v1',
        data: '10.96.0.1',
        kind: 'DNSRecord',
        metadata: { name: 'kubernetes.default.svc.cluster.local.', namespace: 'default' },
        ttl: 30,
        type: 'A',
      });
      expect((await sb.run(['get', 'dns', '-o', 'yaml'])).stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: svcctl.io\/v1\n  data: 10\.96\.0\.1\n/);
      expect((await sb.run(['get', 'dns', '-o', 'name'])).exitCode).toBe(1);
    } finally {
      sb.dispose();
    }
  });
});
