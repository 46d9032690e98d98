// The lint scratch store keeps the Store contract every backend keeps, and its list() answers are
// frozen (callers share them).
import { describe, expect, it } from 'vitest';
import { ScratchStore } from '../../src/lint/scratch-store.js';
import { describeStoreContract } from '../store/contract.js';

describeStoreContract('lint scratch', async () => new ScratchStore());

describe('ScratchStore lists', () => {
  const cases = [
    { name: 'a namespace directory', prefix: '/registry/pods/a/', want: ['/registry/pods/a/x', '/registry/pods/a/y'] },
    { name: 'a name prefix inside a directory', prefix: '/registry/pods/a/x', want: ['/registry/pods/a/x'] },
    { name: 'a kind across namespaces', prefix: '/registry/pods/', want: ['/registry/pods/a/x', '/registry/pods/a/y', '/registry/pods/b/z'] },
    { name: 'a prefix without a slash', prefix: '/registry/po', want: ['/registry/pods/a/x', '/registry/pods/a/y', '/registry/pods/b/z'] },
    { name: 'nothing there', prefix: '/registry/services/', want: [] },
  ];
  it.each(cases)('$name', async ({ prefix, want }) => {
    const s = new ScratchStore();
    await s.transaction(async (tx) => {
      for (const k of ['/registry/pods/b/z', '/registry/pods/a/y', '/registry/pods/a/x', '/registry/podsx/a/q']) {
        await tx.create(k, { apiVersion: 'v1', kind: 'Pod', metadata: { name: k } });
      }
    });
    await s.list('/registry/pods/'); // sorted index built, then kept up to date by later writes
    await s.transaction(async (tx) => {
      await tx.delete('/registry/podsx/a/q');
    });
    const got = await s.list(prefix);
    expect(got.map((o) => o.metadata.name)).toEqual(want);
    expect(got.every((o) => Object.isFrozen(o) && Object.isFrozen(o.metadata))).toBe(true);
  });
});
