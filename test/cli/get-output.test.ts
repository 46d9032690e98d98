// Every output option of `get` on one small cluster: exact text where it is deterministic.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
const svc = (name: string, ip: string, labels: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  labels: {${labels}}\nspec:\n  clusterIP: ${ip}\n  selector: {app: ${name}}\n  ports:\n  - {name: http, port: 80, targetPort: 8080}\n${extra}`;

beforeAll(async () => {
  sb = new Sandbox();
  const f = join(sb.state, 'svcs.yaml');
  writeFileSync(
    f,
    [
      svc('web', '10.96.0.50', 'app: web, tier: front'),
      svc('api', '10.96.0.40', 'app: api, tier: back'),
      svc('db', '10.96.0.30', 'app: db, tier: back', '  type: NodePort\n'),
    ].join('---\n'),
  );
  expect((await sb.run(['apply', '-f', f])).exitCode).toBe(0);
  sb.advance(300);
});
afterAll(() => sb.dispose());

describe('get output options', () => {
  it.each([
    {
      name: 'jsonpath with range',
      args: ['get', 'svc', '-l', 'tier', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.clusterIP}{"\\n"}{end}'],
      out: 'api\t10.96.0.40\ndb\t10.96.0.30\nweb\t10.96.0.50\n',
    },
    { name: 'jsonpath on one object', args: ['get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].targetPort}'], out: '8080' },
    {
      name: 'jsonpath filter',
      args: ['get', 'svc', '-o', 'jsonpath={.items[?(@.spec.type=="NodePort")].metadata.name}'],
      out: 'db',
    },
    {
      name: 'custom-columns sorted by IP',
      args: ['get', 'svc', '-l', 'tier', '-o', 'custom-columns=NAME:.metadata.name,IP:.spec.clusterIP', '--sort-by=.spec.clusterIP'],
      out: 'NAME   IP\ndb     10.96.0.30\napi    10.96.0.40\nweb    10.96.0.50\n',
    },
    {
      name: 'custom-columns with a missing field',
      args: ['get', 'svc', 'web', '-o', 'custom-columns=NAME:.metadata.name,LB:.status.loadBalancer.ingress[0].ip'],
      out: 'NAME   LB\nweb    <none>\n',
    },
    {
      name: 'label columns',
      args: ['get', 'svc', '-l', 'tier=back', '-L', 'tier', '--no-headers', '-o', 'wide'],
      out: null,
      rows: [
        ['api', 'ClusterIP', '10.96.0.40', '<none>', '80/TCP', '5m', 'app=api', 'back'],
        ['db', 'NodePort', '10.96.0.30', '<none>', expect.stringMatching(/^80:3\d{4}\/TCP$/), '5m', 'app=db', 'back'],
      ],
    },
    {
      name: 'show labels',
      args: ['get', 'svc', 'web', '--show-labels', '--no-headers'],
      out: null,
      rows: [['web', 'ClusterIP', '10.96.0.50', '<none>', '80/TCP', '5m', 'app=web,tier=front']],
    },
    { name: 'field selector', args: ['get', 'svc', '--field-selector', 'metadata.name=api', '-o', 'name'], out: 'service/api\n' },
    { name: 'TYPE/NAME forms', args: ['get', 'svc/web', 'service/api', '-o', 'name'], out: 'service/web\nservice/api\n' },
    { name: 'several types', args: ['get', 'svc,ep', '-l', 'app=web', '-o', 'name'], out: 'service/web\nendpoints/web\n' },
  ])('$name', async ({ args, out, rows }) => {
    const r = await sb.run(args);
    expect(r.stderr).toBe('');
    if (out !== null) expect(r.stdout).toBe(out);
    else expect(r.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/))).toEqual(rows);
  });

  it('prints several types as separate tables with kind prefixes', async () => {
    const r = await sb.run(['get', 'svc,ep', '-l', 'app=web']);
    const [svcTable, epTable] = r.stdout.split('\n\n');
    expect(svcTable.split('\n')[1]).toMatch(/^service\/web\s+ClusterIP\s+10\.96\.0\.50\s/);
    expect(epTable).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nendpoints\/web\s+<none>\s+5m\n$/);
  });

  it('prints a List for several objects in yaml', async () => {
    const r = await sb.run(['get', 'svc', 'web', 'api', '-o', 'yaml']);
    expect(r.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n/);
    expect(r.stdout).toMatch(/\nkind: List\nmetadata:\n  resourceVersion: ""\n$/);
  });

  it('reads templates from files', async () => {
    const tpl = join(sb.state, 'cols.txt');
    writeFileSync(tpl, 'NAME          TYPE\n.metadata.name .spec.type\n');
    const jp = join(sb.state, 'jp.txt');
    writeFileSync(jp, '{.metadata.name}');
    expect((await sb.run(['get', 'svc', 'db', '-o', `custom-columns-file=${tpl}`])).stdout).toBe('NAME   TYPE\ndb     NodePort\n');
    expect((await sb.run(['get', 'svc', 'db', '-o', `jsonpath-file=${jp}`])).stdout).toBe('db');
  });

  it('refuses an unknown output format with kubectl\'s list of formats', async () => {
    const r = await sb.run(['get', 'svc', '-o', 'xml']);
    expect(r.stderr).toMatch(/^error: unable to match a printer suitable for the output format "xml", allowed formats are: /);
    expect(r.exitCode).toBe(1);
  });

  it.each([
    { args: ['-o', 'jsonpath'], err: 'error: template format specified but no template given\n' },
    { args: ['-o', 'custom-columns='], err: 'error: custom-columns format specified but no custom columns given\n' },
    { args: ['-o', 'go-template={{.metadata.name}}'], err: 'error: svcctl does not support the go-template output format; use -o jsonpath=... or -o json\n' },
  ])('get $args: $err', async ({ args, err }) => {
    expect(await sb.run(['get', 'svc', ...args])).toEqual({ exitCode: 1, stdout: '', stderr: err });
  });

  // Commands that print what they wrote take kubectl's PrintFlags formats, tables aside.
  it.each([
    { name: 'create service', args: ['create', 'service', 'clusterip', 'jp', '--tcp=80:8080', '--dry-run=client', '-o', 'jsonpath={.spec.ports[0].targetPort}'], out: '8080' },
    { name: 'create namespace', args: ['create', 'namespace', 'jp-ns', '--dry-run=client', '-o', 'jsonpath={.metadata.name}{"\\n"}'], out: 'jp-ns\n' },
    { name: 'run', args: ['run', 'jp-pod', '--image=nginx', '--port=80', '--dry-run=client', '-o', 'jsonpath={.spec.containers[0].ports[0].containerPort}'], out: '80' },
    { name: 'expose (server-side allocation shown)', args: ['expose', 'svc', 'db', '--name=jp-exposed', '--port=81', '-o', 'jsonpath={.spec.ports[0].port} {.spec.type}'], out: '81 ClusterIP' },
  ])('$name -o jsonpath', async ({ args, out }) => {
    const r = await sb.run(args);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(out);
  });

  it("an empty -n is the default namespace, as kubectl's context namespace", async () => {
    const r = await sb.run(['get', 'svc', 'kubernetes', '-n', '', '-o', 'name']);
    expect(r).toEqual({ exitCode: 0, stdout: 'service/kubernetes\n', stderr: '' });
  });

  it('create -o with an unknown format lists what create takes', async () => {
    const r = await sb.run(['create', 'service', 'clusterip', 'x', '--tcp=80', '--dry-run=client', '-o', 'wide']);
    expect(r).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    });
  });

  it('prints the objects of files with --local, without a store', async () => {
    const f = join(sb.state, 'local.yaml');
    writeFileSync(f, svc('local-only', '10.96.9.9', 'app: x'));
    const r = await sb.run(['get', '-f', f, '--local', '-o', 'wide', '--no-headers']);
    expect(r.stdout.trim().split(/\s{2,}/)).toEqual(['local-only', 'ClusterIP', '10.96.9.9', '<none>', '80/TCP', '<unknown>', 'app=local-only']);
  });

  it('names what is missing and still prints what exists', async () => {
    const r = await sb.run(['get', 'svc', 'web', 'nope', '-o', 'name']);
    expect(r).toEqual({ exitCode: 1, stdout: 'service/web\n', stderr: 'Error from server (NotFound): services "nope" not found\n' });
  });
});
