// What a command may touch of the outside world, injected so tests run in-process.

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

export function processIO(): IOStreams {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A small seeded PRNG (mulberry32) for deterministic names in tests and demos. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Colour is for people at a terminal: only on a TTY, never with NO_COLOR. */
export function useColour(io: IOStreams, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io[stream].isTTY === true;
}
