import { describe, expect, it } from 'vitest';
import { LabelIndex } from './label-index.js';

describe('LabelIndex', () => {
  // name, namespace, labels: added in this order.
  const items: [string, string, Record<string, string> | undefined][] = [
    ['web-1', 'a', { app: 'web', tier: 'front' }],
    ['web-2', 'a', { app: 'web', tier: 'front' }],
    ['api-1', 'a', { app: 'api', tier: 'front' }],
    ['web-b', 'b', { app: 'web', tier: 'front' }],
    ['bare', 'a', undefined],
    ['web-3', 'a', { app: 'web', tier: 'back' }],
  ];
  const index = new LabelIndex<string>();
  for (const [name, ns, labels] of items) index.add(ns, labels, name);

  it.each([
    { name: 'the rarest pair of several', ns: 'a', labels: { app: 'web', tier: 'back' }, want: ['web-3'] },
    { name: 'a single pair, in the order added', ns: 'a', labels: { app: 'web' }, want: ['web-1', 'web-2', 'web-3'] },
    { name: 'a pair of two equally rare, the first', ns: 'a', labels: { app: 'api', tier: 'back' }, want: ['api-1'] },
    { name: 'a value nobody has', ns: 'a', labels: { app: 'db' }, want: [] },
    { name: 'a key nobody has', ns: 'a', labels: { app: 'web', zone: 'x' }, want: [] },
    { name: 'another namespace only', ns: 'b', labels: { app: 'web' }, want: ['web-b'] },
    { name: 'a namespace with nothing', ns: 'c', labels: { app: 'web' }, want: [] },
    { name: 'no pairs at all', ns: 'a', labels: {}, want: undefined },
    { name: 'no labels object', ns: 'a', labels: undefined, want: undefined },
  ])('withRarestLabel: $name', ({ ns, labels, want }) => {
    expect(index.withRarestLabel(ns, labels)).toEqual(want);
  });

  it('keeps every object of a namespace, labelled or not, in the order added', () => {
    expect(index.all('a')).toEqual(['web-1', 'web-2', 'api-1', 'bare', 'web-3']);
    expect(index.all('b')).toEqual(['web-b']);
    expect(index.all('c')).toEqual([]);
  });
});
