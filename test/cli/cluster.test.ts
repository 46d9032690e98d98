// `cluster init` and `cluster info`, and the admission plugins a cluster runs: with
// NamespaceAutoProvision (the default) an object in a missing namespace creates it; without it,
// NamespaceLifecycle refuses the object as a kubeadm cluster does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

const webIn = (ns: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  ports:\n  - port: 80\n`;

describe('cluster info', () => {
  it('prints the default settings', async () => {
    expect(await sb.run(['cluster', 'info'])).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: [
        'Cluster domain:    cluster.local',
        'Service CIDR:      10.96.0.0/12',
        'Pod CIDR:          10.244.0.0/16',
        'NodePort range:    30000-32767',
        'Nodes:             3',
        'LoadBalancer pool: 172.18.255.200-172.18.255.250',
        'Admission plugins: NamespaceLifecycle, NamespaceAutoProvision',
        '',
      ].join('\n'),
    });
  });

  it.each([
    { flags: ['--nodes', '5', '--lb-pool', 'none'], want: ['Nodes:             5', 'LoadBalancer pool: <none>'] },
    { flags: ['--disable-admission-plugins=NamespaceAutoProvision'], want: ['Admission plugins: NamespaceLifecycle'] },
    { flags: ['--enable-admission-plugins', 'NamespaceAutoProvision'], want: ['Admission plugins: NamespaceLifecycle, NamespaceAutoProvision'] },
  ])('shows what init $flags set', async ({ flags, want }) => {
    expect((await sb.run(['cluster', 'init', ...flags])).exitCode).toBe(0);
    const info = (await sb.run(['cluster', 'info'])).stdout.split('\n');
    for (const line of want) expect(info).toContain(line);
  });
});

describe('cluster init refuses bad flags before writing anything', () => {
  it.each([
    { flags: ['--enable-admission-plugins', 'AlwaysPullImages'], err: 'error: enable-admission-plugins plugin "AlwaysPullImages" is unknown\n' },
    { flags: ['--disable-admission-plugins', 'NamespaceAutoProvision,Nope'], err: 'error: disable-admission-plugins plugin "Nope" is unknown\n' },
    { flags: ['--nodes', '0'], err: 'error: invalid argument "0" for "--nodes" flag: must be between 1 and 5000\n' },
    { flags: ['--nodes', '3x'], err: 'error: invalid argument "3x" for "--nodes" flag: strconv.ParseInt: parsing "3x": invalid syntax\n' },
  ])('$flags', async ({ flags, err }) => {
    const r = await sb.run(['cluster', 'init', ...flags]);
    expect(r.stderr).toBe(err);
    expect(r.exitCode).toBe(1);
    // Nothing was written: a default cluster comes up on next use.
    expect((await sb.run(['cluster', 'info'])).stdout).toContain('Nodes:             3\n');
  });
});

describe('an object in a namespace that does not exist', () => {
  it('creates the namespace with NamespaceAutoProvision (the default)', async () => {
    const r = await sb.run(['apply', '-f', '-'], { stdin: webIn('shop') });
    expect(r).toEqual({ exitCode: 0, stdout: 'service/web created\n', stderr: '' });
    const ns = await sb.run(['get', 'ns', 'shop', '--show-labels']);
    expect(ns.stdout).toBe('NAME   STATUS   AGE   LABELS\nshop   Active   0s    kubernetes.io/metadata.name=shop\n');
    expect((await sb.run(['get', 'svc', '-n', 'shop', '-o', 'name'])).stdout).toBe('service/web\n');
  });

  it('is refused by NamespaceLifecycle alone, and nothing is created', async () => {
    await sb.run(['cluster', 'init', '--disable-admission-plugins=NamespaceAutoProvision']);
    const r = await sb.run(['apply', '-f', '-'], { stdin: webIn('shop') });
    expect(r.stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n');
    expect(r.exitCode).toBe(1);
    expect((await sb.run(['get', 'ns', 'shop'])).stderr).toBe('Error from server (NotFound): namespaces "shop" not found\n');
  });

  it('is not provisioned for a server-side dry run, which then finds no namespace (as the real plugin)', async () => {
    const r = await sb.run(['apply', '-f', '-', '--dry-run=server'], { stdin: webIn('shop') });
    expect(r.stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n');
    expect((await sb.run(['get', 'ns', 'shop'])).exitCode).toBe(1);
  });

  it('is forbidden when its namespace cannot be created, in the apiserver words', async () => {
    const r = await sb.run(['apply', '-f', '-'], { stdin: webIn('Shop') });
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": services "web" is forbidden: Namespace "Shop" is invalid: ' +
        'metadata.name: Invalid value: "Shop": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n',
    );
    expect(r.exitCode).toBe(1);
  });
});

describe("every namespace's defaults (serviceaccounts controller, root-ca-cert-publisher)", () => {
  it('the system namespaces and new ones hold a default ServiceAccount and kube-root-ca.crt, made again when deleted', async () => {
    const sb = new Sandbox();
    try {
      expect((await sb.run(['get', 'sa', '-A', '-o', 'jsonpath={.items[*].metadata.namespace}'])).stdout).toBe('default kube-node-lease kube-public kube-system');
      await sb.run(['create', 'namespace', 'team']);
      expect((await sb.run(['get', 'sa,cm', '-n', 'team', '-o', 'name'])).stdout).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
      await sb.run(['delete', 'sa', 'default', '-n', 'team']);
      await sb.run(['patch', 'cm', 'kube-root-ca.crt', '-n', 'team', '--type', 'merge', '-p', '{"data":{"ca.crt":"changed"}}']);
      expect((await sb.run(['get', 'sa', 'default', '-n', 'team', '-o', 'name'])).stdout).toBe('serviceaccount/default\n');
      expect((await sb.run(['get', 'cm', 'kube-root-ca.crt', '-n', 'team', '-o', "jsonpath={.data['ca\\.crt']}"])).stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    } finally {
      sb.dispose();
    }
  });
});
