// What a command may touch of the outside world, injected so tests run in-process.
import { fstatSync } from 'node:fs';

export interface IOStreams {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Reads all of standard input (for `-f -`). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Runtime {
  io: IOStreams;
  now: () => Date;
  random: () => number;
}

/**
 * A reader that goes away (`svcctl ... | head -1`) ends the command as SIGPIPE ends kubectl: no
 * message, the status a shell reports for that signal (128 + 13). Node ignores the signal and
 * reports EPIPE on the stream instead.
 */
function quitOnBrokenPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
  }
  return stream;
}

export function processIO(): IOStreams {
  return {
    // Node builds a stream on first access (a socket for a pipe): a command that never writes
    // to stderr does not pay for one.
    get stdout() {
      return quitOnBrokenPipe(process.stdout);
    },
    stderr: {
      write: (s: string) => process.stderr.write(s),
      // Asked before any write (lint's progress line): only a character device can be a terminal,
      // so a pipe or file (CI) is told apart without building the stream and loading its modules.
      get isTTY() {
        try {
          if (!fstatSync(2).isCharacterDevice()) return false;
        } catch {
          return false; // no stderr at all
        }
        return process.stderr.isTTY === true;
      },
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A seeded random source for deterministic names in tests and demos. */
export { seededRandom } from '../allocators/random.js';

/** Colour is for people at a terminal: only on a TTY, never with NO_COLOR. */
export function useColour(io: IOStreams, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io[stream].isTTY === true;
}
