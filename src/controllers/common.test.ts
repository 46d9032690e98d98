import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, selectorMatches } from '../api/labels.js';
import type { Pod, ServicePort } from '../api/types.js';
import { deepEqual, deepEqualExcept, deepEqualWithout, findPort, inNameOrder, scaledIntOrPercent, storedSelector, timestamp } from './common.js';

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

describe('findPort', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      initContainers: [
        { name: 'init', image: 'i', ports: [{ name: 'boot', containerPort: 7000 }] },
        { name: 'sidecar', image: 's', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }, { name: 'http', containerPort: 1 }] },
      ],
      containers: [{ name: 'app', image: 'a', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
    },
  } as unknown as Pod;
  it.each([
    { name: 'a number is the port', targetPort: 9090, want: 9090 },
    { name: 'unset: the Service port', targetPort: undefined, want: 80 },
    { name: 'a string of digits is a number', targetPort: '8443', want: 8443 },
    { name: 'a name from the containers, before sidecars', targetPort: 'http', want: 8080 },
    { name: 'a name from a restartable init container', targetPort: 'proxy', want: 15001 },
    { name: 'not from a plain init container', targetPort: 'boot', want: undefined },
    { name: 'the protocol must match', targetPort: 'dns', want: undefined },
    { name: 'the protocol matches', targetPort: 'dns', protocol: 'UDP', want: 53 },
    { name: 'an unknown name', targetPort: 'nope', want: undefined },
  ])('$name', ({ targetPort, protocol, want }) => {
    expect(findPort(pod, { port: 80, targetPort, protocol } as ServicePort)).toBe(want);
  });
});

describe('storedSelector', () => {
  it('parses a selector object once and answers as labelSelectorAsSelector', () => {
    const ls = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] };
    const first = storedSelector(ls);
    expect(first).toEqual(labelSelectorAsSelector(ls));
    expect(storedSelector(ls)).toBe(first);
    expect(selectorMatches(first, { app: 'web', tier: 'b' })).toBe(true);
    expect(selectorMatches(first, { app: 'web', tier: 'c' })).toBe(false);
  });
  it('throws for an invalid selector every time, and selects nothing without one', () => {
    const bad = { matchExpressions: [{ key: 'a', operator: 'Foo' }] };
    expect(() => storedSelector(bad)).toThrow('"Foo" is not a valid label selector operator');
    expect(() => storedSelector(bad)).toThrow('"Foo" is not a valid label selector operator');
    expect(storedSelector(undefined).nothing).toBe(true);
  });
});
