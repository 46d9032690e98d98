// Random sources for the scan strategies. Injected so that tests (and golden outputs) are deterministic.

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
