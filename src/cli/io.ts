// What a command may touch of the outside world, injected so tests run in-process.
import { fstatSync, writeSync } from 'node:fs';

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
 * Output written straight to a file descriptor (1 or 2). Building process.stdout or stderr loads
 * Node's stream modules: a few milliseconds of every command (2-3 ms of `get svc`). The writes are
 * synchronous, as Node's to a file or terminal already are; to a pipe they wait for the reader,
 * as kubectl's do, so nothing is left to flush when the command exits. EAGAIN (a pipe another
 * process made non-blocking) is waited out. A reader that goes away (`svcctl ... | head -1`)
 * ends the command as SIGPIPE ends kubectl: no message, the status a shell reports for that
 * signal (128 + 13); Node ignores the signal and reports EPIPE instead.
 */
function fdOutput(fd: 1 | 2): IOStreams['stdout'] {
  return {
    write(s: string): boolean {
      const bytes = Buffer.from(s, 'utf8');
      for (let off = 0; off < bytes.length; ) {
        try {
          off += writeSync(fd, bytes, off);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') process.exit(141);
          if (code !== 'EAGAIN') throw err;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        }
      }
      return true;
    },
    // Asked before any write (lint's progress line). Only a character device can be a terminal:
    // a pipe or file (CI) is told apart without building the stream.
    get isTTY() {
      return isCharacterDevice(fd) && (fd === 1 ? process.stdout : process.stderr).isTTY === true;
    },
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed
  }
}

export function processIO(): IOStreams {
  return {
    stdout: fdOutput(1),
    stderr: fdOutput(2),
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
