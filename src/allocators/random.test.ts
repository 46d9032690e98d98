import { describe, expect, it } from 'vitest';
import { seededRandom, uuidFrom } from './random.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidFrom', () => {
  it.each([
    ['a seeded source', seededRandom(7)],
    ['Math.random', Math.random],
  ])('makes RFC 4122 version 4 ids from %s', (_name, random) => {
    const ids = new Set(Array.from({ length: 500 }, () => uuidFrom(random)));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('gives the same ids for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    expect([uuidFrom(a), uuidFrom(a)]).toEqual([uuidFrom(b), uuidFrom(b)]);
  });

  it('takes one draw per hex digit, the version digit fixed and the variant digit from its draw', () => {
    // A source that always returns 15/16 draws digit f everywhere: version 4, variant b.
    expect(uuidFrom(() => 15 / 16)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    // Draws 0, 1/16, 2/16, ... cycle through the digits in order.
    let i = 0;
    expect(uuidFrom(() => (i++ % 16) / 16)).toBe('01234567-89ab-4def-8123-456789abcdef');
  });
});
