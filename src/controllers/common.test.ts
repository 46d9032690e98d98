import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.js';
import { deepEqual, deepEqualExcept, deepEqualWithout, inNameOrder, scaledIntOrPercent, timestamp } from './common.js';

describe('deepEqual', () => {
  it.each([
    { name: 'same primitives', a: 'x', b: 'x', want: true },
    { name: 'null and undefined differ', a: { v: null }, b: {}, want: false },
    { name: 'undefined fields are dropped', a: { v: 1, w: undefined }, b: { v: 1 }, want: true },
    { name: 'key order does not matter', a: { a: 1, b: [1, { c: 2 }] }, b: { b: [1, { c: 2 }], a: 1 }, want: true },
    { name: 'an extra key differs', a: { a: 1 }, b: { a: 1, b: 2 }, want: false },
    { name: 'a missing key differs', a: { a: 1, b: 2 }, b: { a: 1 }, want: false },
    { name: 'same key count, other keys', a: { a: 1 }, b: { b: 1 }, want: false },
    { name: 'array order matters', a: [1, 2], b: [2, 1], want: false },
    { name: 'array and object differ', a: [], b: {}, want: false },
    { name: 'nested difference', a: { s: { c: [{ t: 'Ready' }] } }, b: { s: { c: [{ t: 'NotReady' }] } }, want: false },
  ])('$name', ({ a, b, want }) => {
    expect(deepEqual(a, b)).toBe(want);
    expect(deepEqual(b, a)).toBe(want);
  });

  it.each([
    { name: 'skips the key at any depth', a: { rv: '1', x: { rv: '2', y: 1 } }, b: { x: { y: 1, rv: '9' } }, want: true },
    { name: 'still compares the rest', a: { rv: '1', x: { y: 1 } }, b: { x: { y: 2 } }, want: false },
  ])('deepEqualExcept $name', ({ a, b, want }) => {
    expect(deepEqualExcept(a, b, 'rv')).toBe(want);
  });

  it.each([
    { name: 'leaves the top-level key out', a: { metadata: { a: 1 }, spec: { x: 1 } }, b: { metadata: { a: 2 }, spec: { x: 1 } }, want: true },
    { name: 'a nested key of that name still counts', a: { spec: { metadata: 1 } }, b: { spec: { metadata: 2 } }, want: false },
    { name: 'an extra key on either side differs', a: { spec: 1 }, b: { spec: 1, status: {} }, want: false },
    { name: 'undefined fields are dropped', a: { spec: 1, status: undefined }, b: { spec: 1 }, want: true },
  ])('deepEqualWithout $name', ({ a, b, want }) => {
    expect(deepEqualWithout(a, b, 'metadata')).toBe(want);
    expect(deepEqualWithout(b, a, 'metadata')).toBe(want);
  });
});

describe('timestamp', () => {
  it.each([
    ['2025-01-01T00:00:00.999Z', '2025-01-01T00:00:00Z'],
    ['2025-01-01T00:00:01.000Z', '2025-01-01T00:00:01Z'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00Z'],
    ['1969-12-31T23:59:59.500Z', '1969-12-31T23:59:59Z'],
  ])('%s is %s (whole seconds, UTC), whatever was formatted before', (iso, want) => {
    expect(timestamp(new Date(iso))).toBe(want);
  });
});

describe('inNameOrder', () => {
  const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [] } });
  it.each([
    { name: 'empty', names: [], want: [], same: true },
    { name: 'already in order: the list itself', names: ['a', 'b', 'b', 'c'], want: ['a', 'b', 'b', 'c'], same: true },
    { name: 'out of order: a sorted copy', names: ['b', 'a', 'c'], want: ['a', 'b', 'c'], same: false },
    { name: 'only the last pair out of order', names: ['a', 'c', 'b'], want: ['a', 'b', 'c'], same: false },
  ])('$name', ({ names, want, same }) => {
    const items = names.map(pod);
    const out = inNameOrder(items);
    expect(out.map((p) => p.metadata.name)).toEqual(want);
    expect(out === items).toBe(same);
    expect(items.map((p) => p.metadata.name)).toEqual(names);
  });
});

describe('scaledIntOrPercent', () => {
  it.each([
    { v: 3, total: 10, up: true, want: 3 },
    { v: '25%', total: 10, up: true, want: 3 },
    { v: '25%', total: 10, up: false, want: 2 },
    { v: '100%', total: 7, up: false, want: 7 },
    { v: '4', total: 10, up: true, want: 4 },
  ])('$v of $total (round up: $up) is $want', ({ v, total, up, want }) => {
    expect(scaledIntOrPercent(v, total, up)).toBe(want);
  });
});
