// apply/delete details: dry runs, output formats, stdin and Lists, namespaces, and hostile input.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const BAD = join(__dirname, '..', 'fixtures', 'manifests', 'bad');
const svc = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  ports:\n  - port: 80\n`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

function file(name: string, text: string): string {
  const f = join(sb.state, name);
  writeFileSync(f, text);
  return f;
}

async function serviceNames(): Promise<string> {
  return (await sb.run(['get', 'svc', '-A', '-o', 'name'])).stdout;
}

describe('dry runs', () => {
  it.each([
    { mode: 'client', line: 'service/web created (dry run)\n' },
    { mode: 'server', line: 'service/web created (server dry run)\n' },
  ])('--dry-run=$mode prints what would happen and stores nothing', async ({ mode, line }) => {
    const f = file('web.yaml', svc('web'));
    const r = await sb.run(['apply', '-f', f, `--dry-run=${mode}`]);
    expect(r).toEqual({ exitCode: 0, stdout: line, stderr: '' });
    expect(await serviceNames()).toBe('service/kubernetes\n');
  });

  it('--dry-run=server still validates and allocates, then rolls back', async () => {
    const f = file('web.yaml', svc('web'));
    const r = await sb.run(['apply', '-f', f, '--dry-run=server', '-o', 'json']);
    expect(JSON.parse(r.stdout).spec.clusterIP).toMatch(/^10\./);
    const bad = file('bad.yaml', svc('web').replace('port: 80', 'port: 0'));
    expect((await sb.run(['apply', '-f', bad, '--dry-run=server'])).exitCode).toBe(1);
    expect(await serviceNames()).toBe('service/kubernetes\n');
  });
});

describe('output of apply', () => {
  it('-o name prints kind/name', async () => {
    const r = await sb.run(['apply', '-f', file('web.yaml', svc('web')), '-o', 'name']);
    expect(r.stdout).toBe('service/web\n');
  });

  it('-o yaml prints the stored object, allocations included', async () => {
    const r = await sb.run(['apply', '-f', file('web.yaml', svc('web')), '-o', 'yaml']);
    expect(r.stdout).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    kubectl.kubernetes.io\/last-applied-configuration: \|\n/);
    expect(r.stdout).toMatch(/\n  clusterIP: 10\.\d+\.\d+\.\d+\n/);
    expect(r.stdout).toContain('\n  resourceVersion: "');
  });
});

describe('reading manifests', () => {
  it('reads stdin with -f -', async () => {
    const r = await sb.run(['apply', '-f', '-'], { stdin: svc('from-stdin') });
    expect(r.stdout).toBe('service/from-stdin created\n');
  });

  it('expands kind: List into its items', async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${svc('a').trimEnd().replace(/\n/g, '\n  ')}\n- ${svc('b').trimEnd().replace(/\n/g, '\n  ')}\n`;
    const r = await sb.run(['apply', '-f', file('list.yaml', list)]);
    expect(r.stdout).toBe('service/a created\nservice/b created\n');
  });

  it('needs -f', async () => {
    const r = await sb.run(['apply']);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: 'error: must specify one of -f and -k\n' });
  });

  it('names a missing path', async () => {
    const r = await sb.run(['apply', '-f', 'no/such/file.yaml']);
    expect(r.stderr).toBe('error: the path "no/such/file.yaml" does not exist\n');
    expect(r.exitCode).toBe(1);
  });

  // Every hostile or broken file: one clear line per problem, exit 1, no stack trace, nothing stored.
  it.each(readdirSync(BAD).filter((f) => f !== 'second-doc-bad.yaml'))('refuses %s cleanly', async (name) => {
    const r = await sb.run(['apply', '-f', join(BAD, name)]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).toContain(name);
    expect(await serviceNames()).toBe('service/kubernetes\n');
  });

  it('goes on past a broken document to the next ones', async () => {
    const r = await sb.run(['apply', '-f', join(BAD, 'second-doc-bad.yaml')]);
    expect(r.exitCode).toBe(1);
    // The fixture's Services have no ports: the documents around the broken one reach validation.
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'The Service "first" is invalid: spec.ports: Required value',
      expect.stringMatching(/^error: error parsing .*second-doc-bad\.yaml:9:1: /),
      'The Service "third" is invalid: spec.ports: Required value',
    ]);
  });
});

describe('delete', () => {
  it('deletes what a file names, and says which are missing', async () => {
    const f = file('two.yaml', `${svc('a')}---\n${svc('b')}`);
    await sb.run(['apply', '-f', f]);
    await sb.run(['delete', 'svc', 'b']);
    const r = await sb.run(['delete', '-f', f]);
    expect(r.stdout).toBe('service "a" deleted\n');
    expect(r.stderr).toBe(`Error from server (NotFound): error when deleting "${f}": services "b" not found\n`);
    expect(r.exitCode).toBe(1);
    expect((await sb.run(['delete', '-f', f, '--ignore-not-found'])).exitCode).toBe(0);
  });

  it('needs a name or a selector', async () => {
    expect((await sb.run(['delete', 'svc'])).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('deletes by label selector', async () => {
    await sb.run(['apply', '-f', file('l.yaml', svc('a').replace('name: a', 'name: a\n  labels:\n    tier: x'))]);
    const r = await sb.run(['delete', 'svc', '-l', 'tier=x']);
    expect(r.stdout).toBe('service "a" deleted\n');
  });

  it('deleting a namespace deletes its objects and frees their addresses', async () => {
    expect((await sb.run(['create', 'namespace', 'shop'])).stdout).toBe('namespace/shop created\n');
    await sb.run(['apply', '-f', file('s.yaml', svc('web', 'shop').replace('  ports:', '  clusterIP: 10.96.5.5\n  ports:'))]);
    expect((await sb.run(['delete', 'ns', 'shop'])).stdout).toBe('namespace "shop" deleted\n');
    expect(await serviceNames()).toBe('service/kubernetes\n');
    const again = file('d.yaml', svc('web').replace('  ports:', '  clusterIP: 10.96.5.5\n  ports:'));
    expect((await sb.run(['apply', '-f', again])).stdout).toBe('service/web created\n');
  });

  it('never deletes the default namespace', async () => {
    const r = await sb.run(['delete', 'ns', 'default']);
    expect(r.stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });

  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n`;

  it('--cascade=orphan leaves the dependents, no longer controlled; the boolean forms warn', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment });
    expect((await sb.run(['delete', 'deploy', 'web', '--cascade=orphan'])).stdout).toBe('deployment.apps "web" deleted\n');
    const rs = (await sb.run(['get', 'rs', '-o', 'jsonpath={.items[*].metadata.name} {.items[*].metadata.ownerReferences}'])).stdout;
    expect(rs).toMatch(/^web-\w+ $/);
    const r = await sb.run(['delete', 'rs', '--all', '--cascade=false']);
    expect(r.stderr).toBe('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
    expect((await sb.run(['get', 'pods', '-o', 'name'])).stdout).toMatch(/^pod\/web-\w+-\w+\n$/);
    expect((await sb.run(['delete', 'pods', '--all', '--cascade=sideways'])).stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n');
  });

  it('--force with --grace-period=0 force-deletes, with kubectl\'s warning; --now and --grace-period conflict', async () => {
    await sb.run(['apply', '-f', '-'], { stdin: deployment });
    const pod = (await sb.run(['get', 'pods', '-o', 'name'])).stdout.trim();
    expect(await sb.run(['delete', pod, '--force', '--grace-period=0'])).toEqual({
      exitCode: 0,
      stdout: `${pod.replace('pod/', 'pod "')}" force deleted\n`,
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect((await sb.run(['delete', 'pod', 'x', '--now', '--grace-period=5'])).stderr).toBe('error: --now and --grace-period cannot be specified together\n');
    expect((await sb.run(['delete', 'pod', 'x', '--force', '--grace-period=5'])).stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    // --grace-period=0 without --force is 1: an ordinary delete.
    const next = (await sb.run(['get', 'pods', '-o', 'name'])).stdout.trim();
    expect((await sb.run(['delete', next, '--grace-period=0', '--wait=false'])).stdout).toBe(`${next.replace('pod/', 'pod "')}" deleted\n`);
  });
});

describe('namespaces on apply', () => {
  it('puts objects without a namespace into -n', async () => {
    await sb.run(['create', 'ns', 'shop']);
    await sb.run(['apply', '-f', file('w.yaml', svc('web')), '-n', 'shop']);
    expect((await sb.run(['get', 'svc', '-n', 'shop', '-o', 'name'])).stdout).toBe('service/web\n');
  });

  it('refuses an object whose namespace contradicts -n', async () => {
    await sb.run(['create', 'ns', 'shop']);
    const r = await sb.run(['apply', '-f', file('w.yaml', svc('web', 'default')), '-n', 'shop']);
    expect(r.stderr).toBe(
      `error: the namespace from the provided object "default" does not match the namespace "shop". You must pass '--namespace=default' to perform this operation.\n`,
    );
  });
});

describe('updates the apiserver refuses', () => {
  it('names the new selector of a Deployment, which is immutable', async () => {
    const deploy = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: ${app}}\n  template:\n    metadata:\n      labels: {app: ${app}}\n    spec:\n      containers: [{name: web, image: nginx}]\n`;
    expect((await sb.run(['apply', '-f', '-'], { stdin: deploy('web') })).exitCode).toBe(0);
    const r = await sb.run(['apply', '-f', '-'], { stdin: deploy('other') });
    expect(r.stderr).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('refuses a new clusterIP on a Service', async () => {
    const svc = (ip: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: ${ip}\n  ports:\n  - port: 5432\n`;
    await sb.run(['apply', '-f', '-'], { stdin: svc('10.96.0.77') });
    const r = await sb.run(['apply', '-f', '-'], { stdin: svc('10.96.0.78') });
    expect(r.stderr).toBe('The Service "db" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.78"}: may not change once set\n');
  });

  it('refuses a Pod whose manifest changes more than its images, and takes a new image', async () => {
    const pod = (image: string, port: number) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: hello\n    image: ${image}\n    ports:\n    - containerPort: ${port}\n`;
    await sb.run(['apply', '-f', '-'], { stdin: pod('hello-app:1.0', 8080) });
    const r = await sb.run(['apply', '-f', '-'], { stdin: pod('hello-app:1.0', 9090) });
    expect(r.exitCode).toBe(1);
    const [head, ...diff] = r.stderr.split('\n');
    expect(head).toBe(
      'The Pod "hello" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
        '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(diff).toContain('- \t\t\t\t\tContainerPort: 8080,');
    expect(diff).toContain('+ \t\t\t\t\tContainerPort: 9090,');
    // Nothing was written; a new image alone is an update the apiserver takes.
    expect((await sb.run(['get', 'pod', 'hello', '-o', 'jsonpath={.spec.containers[0].ports[0].containerPort}'])).stdout).toBe('8080');
    expect((await sb.run(['apply', '-f', '-'], { stdin: pod('hello-app:2.0', 8080) })).stdout).toBe('pod/hello configured\n');
    const added = await sb.run(['patch', 'pod', 'hello', '--type=json', '-p', '[{"op":"add","path":"/spec/containers/-","value":{"name":"x","image":"busybox"}}]']);
    expect(added.stderr).toBe('The Pod "hello" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n');
  });
});

describe('create -f', () => {
  it('creates what the files hold, without a last-applied annotation, and refuses what exists', async () => {
    const f = file('web.yaml', svc('web'));
    expect(await sb.run(['create', '-f', f])).toEqual({ exitCode: 0, stdout: 'service/web created\n', stderr: '' });
    const stored = JSON.parse((await sb.run(['get', 'svc', 'web', '-o', 'json'])).stdout);
    expect(stored.metadata.annotations).toBeUndefined();
    const again = await sb.run(['create', '-f', f]);
    expect(again).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `Error from server (AlreadyExists): error when creating "${f}": services "web" already exists\n`,
    });
  });

  it('keeps create service flags for the subcommand', async () => {
    const r = await sb.run(['create', 'service', 'clusterip', 'web', '--tcp=80', '--dry-run=client', '-o', 'name']);
    expect(r.stdout).toBe('service/web\n');
    expect(await serviceNames()).toBe('service/kubernetes\n');
  });
});

describe('replace -f', () => {
  it('puts the file in place of the stored object, keeping what the server set, and needs it to exist', async () => {
    const f = file('web.yaml', svc('web'));
    const missing = await sb.run(['replace', '-f', f]);
    expect(missing).toEqual({ exitCode: 1, stdout: '', stderr: `Error from server (NotFound): error when replacing "${f}": services "web" not found\n` });
    await sb.run(['create', '-f', f]);
    const ip = (await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    const changed = file('web2.yaml', svc('web').replace('port: 80', 'port: 8080'));
    expect(await sb.run(['replace', '-f', changed])).toEqual({ exitCode: 0, stdout: 'service/web replaced\n', stderr: '' });
    expect((await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].port}'])).stdout).toBe(`${ip} 8080`);
  });

  it('--force deletes and creates again: a new uid and a new address', async () => {
    const f = file('web.yaml', svc('web'));
    await sb.run(['create', '-f', f]);
    const before = (await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    expect((await sb.run(['replace', '--force', '-f', f])).stdout).toBe('service "web" deleted\nservice/web replaced\n');
    expect((await sb.run(['get', 'svc', 'web', '-o', 'jsonpath={.metadata.uid}'])).stdout).not.toBe(before);
  });
});

describe('pod specs the apiserver refuses', () => {
  it.each([
    {
      name: 'a pod: container name and port',
      manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: Bad_Name\n    image: nginx\n    ports: [{containerPort: 70000}]\n',
      err:
        'The Pod "p" is invalid: \n' +
        "* spec.containers[0].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n" +
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    },
    {
      name: 'a deployment template: requests over limits, restartPolicy',
      manifest:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: web\n        image: nginx\n        resources: {requests: {cpu: 500m}, limits: {cpu: 250m}}\n',
      err:
        'The Deployment "d" is invalid: \n' +
        '* spec.template.spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 250m\n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    },
    {
      name: 'a job template without restartPolicy (defaulted to Always)',
      manifest: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      containers: [{name: pi, image: perl}]\n',
      err: 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    },
    {
      name: 'a volume mount naming no volume',
      manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts: [{name: data, mountPath: /data}]\n',
      err: 'The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"\n',
    },
  ])('$name', async ({ manifest, err }) => {
    expect(await sb.run(['apply', '-f', '-'], { stdin: manifest })).toEqual({ exitCode: 1, stdout: '', stderr: err });
  });
});
