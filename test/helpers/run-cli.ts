// Runs svcctl in-process with buffered streams, a fixed clock and a seeded random source, as
// kubectl's tests use NewTestIOStreams.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { seededRandom } from '../../src/cli/io.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CliOptions {
  stdin?: string;
  /** The state directory (a fresh temp dir per Sandbox). */
  state: string;
  now?: Date;
  cwd?: string;
  env?: Record<string, string>;
  /** Seed of the random source (names, IPs); each Sandbox run uses the next one. */
  seed?: number;
}

export async function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    io: {
      stdout: { write: (s: string) => (stdout += s), isTTY: false },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      readStdin: async () => opts.stdin ?? '',
      env: { SVCCTL_STATE: opts.state, HOME: opts.state, NO_COLOR: '1', ...(opts.env ?? {}) },
      cwd: opts.cwd ?? process.cwd(),
    },
    now: () => opts.now ?? new Date('2025-01-01T00:00:00Z'),
    random: seededRandom(opts.seed ?? 42),
  });
  return { stdout, stderr, exitCode };
}

/** A fresh state directory with a runner bound to it and a clock the test can move. */
export class Sandbox {
  readonly state = mkdtempSync(join(tmpdir(), 'svcctl-test-'));
  now = new Date('2025-01-01T00:00:00Z');
  private runs = 0;

  run(args: string[], extra: Partial<CliOptions> = {}): Promise<CliResult> {
    return runCli(args, { state: this.state, now: this.now, seed: 1000 + this.runs++, ...extra });
  }

  advance(seconds: number): void {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }

  dispose(): void {
    rmSync(this.state, { recursive: true, force: true });
  }
}
