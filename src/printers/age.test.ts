import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { humanDuration, translateTimestampSince } from './age.js';

interface AgeRow {
  seconds: number;
  text: string;
}
const ageFile = JSON.parse(
  readFileSync(new URL('../../../shared/examples/printer/age-format.json', import.meta.url), 'utf8'),
) as { table: AgeRow[] };

describe('humanDuration', () => {
  it.each(ageFile.table)('$seconds s -> $text', ({ seconds, text }) => {
    expect(humanDuration(seconds)).toBe(text);
  });

  it.each([
    { name: 'fractions truncate toward zero', seconds: 119.9, text: '119s' },
    { name: '-1.5s truncates to -1 -> 0s', seconds: -1.5, text: '0s' },
    { name: 'minutes with seconds', seconds: 125, text: '2m5s' },
    { name: '9y', seconds: 9 * 365 * 86400 + 5 * 86400, text: '9y' },
  ])('$name', ({ seconds, text }) => {
    expect(humanDuration(seconds)).toBe(text);
  });
});

describe('translateTimestampSince', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  it.each([
    { name: 'missing', ts: undefined, text: '<unknown>' },
    { name: 'empty', ts: '', text: '<unknown>' },
    { name: 'null', ts: null, text: '<unknown>' },
    { name: 'garbage', ts: 'yesterday', text: '<unknown>' },
    { name: '2d3h', ts: '2024-12-29T21:00:00Z', text: '2d3h' },
    { name: 'future by 5s', ts: '2025-01-01T00:00:05Z', text: '<invalid>' },
  ])('$name', ({ ts, text }) => {
    expect(translateTimestampSince(ts, now)).toBe(text);
  });
});
