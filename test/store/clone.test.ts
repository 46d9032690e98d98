import { describe, expect, it } from 'vitest';
import { clone } from '../../src/store/store.js';

/** What the store's copy must equal: a JSON text round trip, as the object would travel. */
const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const withProtoKey = JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown;

describe('clone', () => {
  it.each([
    ['a plain object', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } }],
    ['undefined properties dropped', { a: 1, b: undefined, c: { d: undefined, e: null } }],
    ['undefined and functions in arrays become null', { a: [1, undefined, () => 1, 'x'] }],
    ['non-finite numbers become null', { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: [Number.NEGATIVE_INFINITY] }],
    ['negative zero becomes zero', { a: -0 }],
    ['Dates serialise themselves', { at: new Date('2025-01-01T00:00:00Z') }],
    ['integer-like keys keep JSON order', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['a __proto__ key stays an own property', withProtoKey],
    ['booleans, strings and nulls', { t: true, f: false, s: '', n: null }],
  ])('%s: equals a JSON round trip', (_name, value) => {
    const copy = clone(value);
    expect(copy).toStrictEqual(roundTrip(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    expect(Object.is((copy as { a?: unknown }).a, -0)).toBe(false);
  });

  it('shares nothing with its input', () => {
    const input = { metadata: { labels: { a: 'b' } }, list: [{ x: 1 }] };
    const copy = clone(input);
    copy.metadata.labels.a = 'changed';
    copy.list[0].x = 2;
    expect(input).toEqual({ metadata: { labels: { a: 'b' } }, list: [{ x: 1 }] });
  });

  it('does not turn a __proto__ key into a prototype', () => {
    const copy = clone(withProtoKey) as { a: Record<string, unknown> };
    expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
    expect(Object.keys(copy.a)).toEqual(['__proto__']);
  });

  it('refuses what JSON refuses', () => {
    expect(() => clone({ big: 1n })).toThrow(TypeError);
  });
});
