// The entry point: build the program, run it, turn any error into kubectl's text and an exit code.
// This is the only place that decides exit codes.
import { formatError, SvcctlError } from '../errors.js';
import { type Runtime, processIO } from './io.js';
import { buildProgram, ExitSignal } from './program.js';

/**
 * The command's clock: the moment the process started, the moment the user ran the command. Ages
 * printed and timestamps written are of that moment, not of whenever the start-up got to them
 * (which would put an object created 7h59m59.95s ago at 8h). process.uptime() rather than
 * performance.timeOrigin: the perf_hooks module behind the latter costs every command its load.
 */
const invokedAt = (): Date => new Date(Math.floor(Date.now() - process.uptime() * 1000));

/** Runs svcctl with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], rt?: Partial<Runtime>): Promise<number> {
  const runtime: Runtime = {
    io: rt?.io ?? processIO(),
    now: rt?.now ?? invokedAt,
    random: rt?.random ?? Math.random,
  };
  const state = { exitCode: 0 };
  const program = buildProgram(runtime, state, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof ExitSignal) return err.code;
    runtime.io.stderr.write(formatError(err));
    if (!(err instanceof SvcctlError)) {
      if (runtime.io.env.SVCCTL_DEBUG) runtime.io.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    }
    return 1;
  }
}
