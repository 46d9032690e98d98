// Random sources for the scan strategies and generated ids. Injected so that tests (and golden outputs) are deterministic.

/** A source of floats in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * A seeded PRNG (mulberry32): the same seed always yields the same sequence. Good enough to spread
 * allocations; not for anything secret.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n), as Go's rand.Intn; n must be > 0. */
export function intn(random: RandomSource, n: number): number {
  // Clamp: a misbehaving source returning 1 must not index past the end.
  return Math.min(n - 1, Math.max(0, Math.floor(random() * n)));
}

const HEX = '0123456789abcdef';

/**
 * An RFC 4122 version 4 UUID, as the apiserver gives every new object: 32 draws of `random` (one
 * a hex digit; digit 12 is the version, 4, and digit 16 the variant, 8-b), so a seeded source
 * gives the same ids every run. Math.random (V8 seeds it from the OS per process) serves as well
 * as crypto's randomUUID for ids that only need to be unique, without loading node's crypto
 * module, which cost every writing command ~5 ms.
 */
export function uuidFrom(random: RandomSource): string {
  // Character codes, made into one flat string at the end: a string grown a character at a time
  // is a tree of pieces, and every stored object keeps its uid.
  const codes = new Array<number>(36);
  let n = 0;
  for (let i = 0; i < 32; i++) {
    const d = Math.floor(random() * 16);
    if (i === 8 || i === 12 || i === 16 || i === 20) codes[n++] = 0x2d; // -
    codes[n++] = HEX.charCodeAt(i === 12 ? 4 : i === 16 ? (d & 0x3) | 0x8 : d);
  }
  return String.fromCharCode(...codes);
}
