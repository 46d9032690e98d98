// The real process's output (src/cli/io.ts): both streams written straight to their descriptors.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

const BIN = join(__dirname, '..', '..', 'bin', 'svcctl.cjs');

/** Runs the command as a user's shell would, through pipes; the reader starts after `delayMs`. */
function runPiped(args: string[], delayMs = 0): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SVCCTL_STATE: sb.state, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), delayMs);
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('svcctl output through pipes', () => {
  it.each([
    { name: 'a listing on stdout', args: ['get', 'svc'], code: 0, stdout: /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nkubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +\d+d\n$/, stderr: '' },
    { name: 'an error on stderr', args: ['get', 'svc', 'nope'], code: 1, stdout: /^$/, stderr: 'Error from server (NotFound): services "nope" not found\n' },
  ])('$name', async ({ args, code, stdout, stderr }) => {
    await sb.run(['get', 'ns']); // the cluster, made at the sandbox's clock (a date long past: AGE in days)
    const r = await runPiped(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(stdout);
    expect(r.stderr).toBe(stderr);
  });

  it('waits for a reader that starts late: every line of a listing larger than a pipe holds arrives', async () => {
    // 300 Services print well over the 64 KiB a pipe buffers.
    const docs = Array.from({ length: 300 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  labels: {tier: backend, owner: team-${i}}\nspec:\n  ports:\n  - port: 80\n`);
    expect((await sb.run(['apply', '-f', '-'], { stdin: docs.join('---\n') })).exitCode).toBe(0);
    const r = await runPiped(['get', 'svc', '-o', 'yaml'], 300);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(128 * 1024);
    expect(r.stdout.match(/^  kind: Service$/gm)).toHaveLength(301);
    expect(r.stdout.endsWith('  resourceVersion: ""\n')).toBe(true);
  });
});
