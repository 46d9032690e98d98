import { describe, expect, it } from 'vitest';
import {
  ALPHANUMS,
  canonicalJSON,
  computePodTemplateHash,
  fnv32aCanonical,
  fnv32a,
  fnv32aText,
  generateName,
  randomSuffix,
  safeEncodeString,
  seededRandom,
  sliceName,
} from './names.js';

const tmpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

describe('names', () => {
  it.each([
    { name: 'empty input is the offset basis', input: '', out: 0x811c9dc5 },
    { name: 'a', input: 'a', out: 0xe40c292c },
    { name: 'foobar', input: 'foobar', out: 0xbf9cf968 },
  ])('fnv32a $name', ({ input, out }) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(out);
    expect(fnv32aText(input)).toBe(out);
  });

  it.each([
    { name: 'ASCII', input: 'default/web-7d4b9c8f6d-x2x7q/nginx/2025-01-01T00:00:00Z/3' },
    { name: 'non-ASCII (UTF-8 bytes)', input: 'café/名前/ü' },
    { name: 'continuing a hash', input: 'abc', from: 0x12345678 },
  ])('fnv32aText hashes the UTF-8 bytes: $name', ({ input, from }) => {
    expect(fnv32aText(input, from)).toBe(fnv32a(new TextEncoder().encode(input), from));
  });

  it.each([
    { name: 'a template', value: tmpl },
    { name: 'keys out of order, undefined fields', value: { b: 1, a: { d: undefined, c: [1, undefined, 'x'] } } },
    { name: 'strings to escape', value: { 'q"k': 'line\nbreak', back: 'a\\b', tab: '\t', del: '\u007f' } },
    { name: 'non-ASCII and a lone surrogate', value: { name: 'café', jp: '名前', odd: '\ud800x' } },
    { name: 'numbers, booleans, null, empty containers', value: { n: -1.5e-7, big: 1e21, t: true, z: null, e: {}, l: [] } },
    { name: 'a bare string', value: 'web' },
  ])('fnv32aCanonical hashes the canonical JSON text: $name', ({ value }) => {
    expect(fnv32aCanonical(value)).toBe(fnv32aText(canonicalJSON(value)));
    expect(fnv32aCanonical(value, 0x12345678)).toBe(fnv32aText(canonicalJSON(value), 0x12345678));
  });

  it.each([
    { name: 'digits map through the alphabet', input: '0123456789', out: '456789bcdf' },
    { name: 'a decimal hash', input: '3831497349', out: '7d758fc78f' },
  ])('safeEncodeString $name', ({ input, out }) => {
    expect(safeEncodeString(input)).toBe(out);
  });

  it('hash is stable, key-order independent, and changes with the template and collisionCount', () => {
    const h = computePodTemplateHash(tmpl);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const reordered = { spec: tmpl.spec, metadata: tmpl.metadata };
    expect(computePodTemplateHash(reordered)).toBe(h);
    expect(computePodTemplateHash({ ...tmpl, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } })).not.toBe(h);
    expect(computePodTemplateHash(tmpl, 1)).not.toBe(h);
    expect(computePodTemplateHash(tmpl, 0)).not.toBe(h);
  });

  it('random names use the k8s alphabet and the generateName prefix', () => {
    const r = seededRandom(7);
    const s = randomSuffix(r);
    expect(s).toHaveLength(5);
    for (const c of s) expect(ALPHANUMS).toContain(c);
    expect(sliceName('web', r)).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generateName('x'.repeat(70), r)).toHaveLength(63);
  });
});
