// `svcctl api-resources`: the scheme's resources as kubectl lists a server's discovery.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/api/scheme.js';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

describe('svcctl api-resources', () => {
  it('lists every resource, core group first, then by group and name', async () => {
    const r = await sb.run(['api-resources']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAME                              SHORTNAMES   APIVERSION                        NAMESPACED   KIND');
    expect(lines[1]).toBe('configmaps                        cm           v1                                true         ConfigMap');
    expect(lines).toContain('customresourcedefinitions         crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition');
    expect(lines).toContain('horizontalpodautoscalers          hpa          autoscaling/v2                    true         HorizontalPodAutoscaler');
    expect(lines).toHaveLength(RESOURCES.length + 1);
    const versions = lines.slice(1).map((l) => l.split(/ +/).find((c) => /^(v1|[a-z.0-9-]+\/v\d)/.test(c))!);
    const groups = versions.map((v) => (v.includes('/') ? v.split('/')[0] : ''));
    expect(groups).toEqual([...groups].sort());
  });

  it.each([
    {
      name: '-o wide: verbs and categories (a namespace has no deletecollection)',
      args: ['api-resources', '-o', 'wide', '--namespaced=false', '--api-group', ''],
      want: [
        'NAME                SHORTNAMES   APIVERSION   NAMESPACED   KIND               VERBS                                                        CATEGORIES',
        'namespaces          ns           v1           false        Namespace          create,delete,get,list,patch,update,watch                    ',
        'nodes               no           v1           false        Node               create,delete,deletecollection,get,list,patch,update,watch   ',
        'persistentvolumes   pv           v1           false        PersistentVolume   create,delete,deletecollection,get,list,patch,update,watch   ',
      ],
    },
    {
      name: '-o name: group-qualified, no header',
      args: ['api-resources', '-o', 'name', '--api-group', 'apps', '--categories', 'all'],
      want: ['daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps'],
    },
    {
      name: '--sort-by=kind, --no-headers, a verb every resource has',
      args: ['api-resources', '--sort-by=kind', '--no-headers', '--api-group=batch', '--verbs=list,watch'],
      want: ['cronjobs   cj    batch/v1   true   CronJob', 'jobs             batch/v1   true   Job'],
    },
    { name: 'a verb nothing lacks but namespaces', args: ['api-resources', '-o', 'name', '--verbs=deletecollection', '--api-group='], want: RESOURCES.filter((t) => !t.group && t.kind !== 'Namespace').map((t) => t.plural).sort() },
  ])('$name', async ({ args, want }) => {
    const r = await sb.run(args);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, -1)).toEqual(want);
  });

  it.each([
    { args: ['-o', 'json'], err: 'error: --output json is not available\n' },
    { args: ['--sort-by', 'group'], err: 'error: --sort-by accepts only name or kind\n' },
    { args: ['--namespaced=maybe'], err: 'error: invalid argument "maybe" for "--namespaced" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n' },
  ])('refuses $args', async ({ args, err }) => {
    const r = await sb.run(['api-resources', ...args]);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: err });
  });

  it('stops quietly with the SIGPIPE status when its reader goes away', async () => {
    const bin = join(__dirname, '..', '..', 'bin', 'svcctl.cjs');
    const child = spawn(process.execPath, [bin, 'api-resources', '-o', 'name'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SVCCTL_STATE: sb.state } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read nothing, and close the pipe at once: every write after that fails with EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});

describe('svcctl top', () => {
  // No metrics-server runs in the simulated cluster, as in a kubeadm cluster out of the box.
  it.each([['pods'], ['pod', 'web'], ['nodes'], ['no', 'node-1']])('top %s finds no Metrics API', async (...args) => {
    expect(await sb.run(['top', ...args])).toEqual({ exitCode: 1, stdout: '', stderr: 'error: Metrics API not available\n' });
  });
});
