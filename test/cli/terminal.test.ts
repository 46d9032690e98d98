// Help, usage errors, version and shell completion.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';
import { buildProgram, COMMAND_NAMES } from '../../src/cli/program.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

describe('help and usage errors', () => {
  // Every command that does something (not the groups) has examples.
  it.each([
    'apply', 'get', 'delete', 'describe', 'api-resources', 'patch', 'annotate', 'set image', 'wait', 'expose', 'run', 'scale', 'resolve', 'lint', 'version', 'completion',
    'create namespace', 'create deployment', 'create configmap', 'create secret generic', 'create service clusterip', 'create service nodeport', 'create service loadbalancer',
    'create service externalname', 'cluster init', 'cluster info', 'cluster reset', 'dns serve',
    'sim ready', 'sim kill', 'sim advance', 'rollout status', 'rollout history', 'rollout undo', 'rollout restart',
  ])('%s --help shows kubectl-style examples', async (cmd) => {
    const r = await sb.run([...cmd.split(' '), '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n  # /);
    expect(r.stdout).toContain(`svcctl ${cmd.split(' ')[0]}`);
  });

  it('names an unknown flag and points at the help, exit 1', async () => {
    const r = await sb.run(['get', 'svc', '--bogus']);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: "error: unknown flag: --bogus\nSee 'svcctl get --help' for usage.\n" });
  });

  it('names an unknown command', async () => {
    const r = await sb.run(['frobnicate']);
    expect(r.stderr).toBe('error: unknown command "frobnicate" for "svcctl"\nSee \'svcctl --help\' for usage.\n');
    expect(r.exitCode).toBe(1);
  });

  it.each([[['version']], [['version', '--client']]])('%j prints its version', async (argv) => {
    const r = await sb.run(argv);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^svcctl version \d+\.\d+\.\d+ \(kubectl 1\.32 compatible/);
  });
});

describe('completion', () => {
  it('refuses an unknown shell', async () => {
    expect((await sb.run(['completion', 'fish'])).stderr).toBe('error: Unsupported shell type "fish".\n');
  });

  it.each(['bash', 'zsh'])('%s script registers the completion function', async (shell) => {
    const r = await sb.run(['completion', shell]);
    expect(r.stdout).toContain('complete -o default -F _svcctl svcctl');
  });

  const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
  it.skipIf(!hasBash).each([
    { words: ['svcctl', 'get', 'sv'], want: 'svc' },
    { words: ['svcctl', 'cluster', 'i'], want: 'info init' },
    { words: ['svcctl', 'ap'], want: 'apply' },
    { words: ['svcctl', 'get', 'svc', '--show-l'], want: '--show-labels' },
  ])('completes $words in bash', async ({ words, want }) => {
    const script = join(sb.state, 'c.sh');
    writeFileSync(script, (await sb.run(['completion', 'bash'])).stdout);
    const cmd = `source ${script}; COMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _svcctl; echo "\${COMPREPLY[@]}"`;
    const out = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' }).stdout.trim();
    expect(out.split(' ')).toEqual(expect.arrayContaining(want.split(' ')));
  });
});

describe('building only the commands a command line names', () => {
  const rt = { io: { stdout: { write: () => true }, stderr: { write: () => true }, readStdin: async () => '', env: {}, cwd: '/' }, now: () => new Date(0), random: Math.random };
  const built = (argv?: string[]) => buildProgram(rt, { exitCode: 0 }, argv).commands.map((c) => c.name());

  it('builds every command, in help order, when no command line is given', () => {
    expect(built()).toEqual([...COMMAND_NAMES]);
  });

  it.each([
    { argv: ['get', 'svc'], want: ['get'] },
    { argv: ['-n', 'delete', 'get', 'svc'], want: ['get', 'delete'] }, // an option value that names a command: both
    { argv: ['frobnicate'], want: COMMAND_NAMES }, // unknown: all, for commander's error
    { argv: ['--help'], want: COMMAND_NAMES },
    { argv: ['completion', 'bash'], want: COMMAND_NAMES },
  ])('$argv builds $want', ({ argv, want }) => {
    expect(built(argv).sort()).toEqual([...want].sort());
  });
});
