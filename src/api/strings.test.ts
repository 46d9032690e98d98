import { describe, expect, it } from 'vitest';
import { isDigits, sortStrings } from './strings.js';

describe('sortStrings', () => {
  // A small deterministic generator: keys with shared prefixes, case, digits, and characters
  // beyond the BMP, whose UTF-16 order differs from code point order.
  const alphabet = ['a', 'B', 'b', '-', '/', '0', '9', '.', 'é', '\u{1F600}', '\uFF61'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');

  it.each([0, 1, 2, 3, 5, 8, 16, 17, 40])('orders %i strings as sort() does, in place', (n) => {
    for (let round = 0; round < 20; round++) {
      const items = Array.from({ length: n }, word);
      const want = [...items].sort();
      const got = sortStrings(items);
      expect(got).toBe(items);
      expect(got).toEqual(want);
    }
  });
});

describe('isDigits', () => {
  it.each([
    ['0', true],
    ['8080', true],
    ['007', true],
    ['', false],
    ['-1', false],
    ['1_000', false],
    ['12a', false],
    ['\u0661', false], // Arabic-Indic one: a digit to Unicode, not to Go or kubectl
  ])('%j: %s', (s, want) => {
    expect(isDigits(s)).toBe(want);
    expect(isDigits(s)).toBe(/^[0-9]+$/.test(s));
  });
});
