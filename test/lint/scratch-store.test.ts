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

describe('ScratchStore directory indexes', () => {
  // Indexes are made when a directory is first listed; after that every write must keep them
  // current. A model (a plain set of keys) says what each list should return.
  const dirs = ['/registry/pods/', '/registry/pods/a/', '/registry/pods/b/', '/registry/services/specs/a/', '/registry/'];
  const keyFor = (i: number) => ['/registry/pods/a/', '/registry/pods/b/', '/registry/services/specs/a/', '/registry/podsx/a/'][i % 4] + `k${(i * 7) % 23}`;
  const expectLists = async (s: ScratchStore, model: Set<string>) => {
    for (const d of dirs) {
      const got = (await s.list(d)).map((o) => o.metadata.name);
      expect({ d, got }).toEqual({ d, got: [...model].filter((k) => k.startsWith(d)).sort() });
    }
  };

  it('stay current through creates, deletes and a rolled-back transaction, whenever first listed', async () => {
    const s = new ScratchStore();
    const model = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await s.transaction(async (tx) => {
        for (let i = round * 11; i < round * 11 + 30; i++) {
          const k = keyFor(i);
          if (model.has(k)) {
            await tx.delete(k);
            model.delete(k);
          } else {
            await tx.create(k, { apiVersion: 'v1', kind: 'Pod', metadata: { name: k } });
            model.add(k);
          }
        }
      });
      // A transaction that throws leaves every index as it was.
      await expect(
        s.transaction(async (tx) => {
          await tx.create(`/registry/pods/a/rolled-back-${round}`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
          for (const k of [...model].slice(0, 3)) await tx.delete(k);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      // The first rounds list one more directory each, so indexes are made at different times.
      if (round < dirs.length) {
        const d = dirs[round];
        expect((await s.list(d)).map((o) => o.metadata.name)).toEqual([...model].filter((k) => k.startsWith(d)).sort());
      }
    }
    await expectLists(s, model);
    // deletePrefix reads no index of its own.
    await s.transaction(async (tx) => {
      expect(await tx.deletePrefix('/registry/pods/a/')).toBe([...model].filter((k) => k.startsWith('/registry/pods/a/')).length);
    });
    for (const k of [...model]) if (k.startsWith('/registry/pods/a/')) model.delete(k);
    await expectLists(s, model);
  });
});

describe('ScratchStore adopting writes', () => {
  it('keeps an adopted object itself, stamped with the version; copies one that is not adopted', async () => {
    const s = new ScratchStore();
    const adopted = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } };
    const copied = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } };
    await s.transaction(async (tx) => {
      expect(await tx.create('/registry/pods/x/a', adopted, { adopt: true })).toBe(adopted);
      const stored = await tx.put('/registry/pods/x/b', copied);
      expect(stored).not.toBe(copied);
      expect(copied.metadata).toEqual({ name: 'b' });
    });
    expect(adopted.metadata).toEqual({ name: 'a', resourceVersion: '1' });
    expect(await s.peek('/registry/pods/x/a')).toBe(adopted);
    expect((await s.get('/registry/pods/x/b'))?.metadata.resourceVersion).toBe('1');
  });
});
