// The contract every Store backend keeps, run against each one.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/api/types.js';
import { type Store, StoreError, hasLabels, isControlledByName, listControlledBy, listLabeled } from '../../src/store/store.js';

const svc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  ...extra,
});

const key = (name: string, ns = 'default') => `/registry/services/specs/${ns}/${name}`;

export function describeStoreContract(name: string, makeStore: () => Promise<Store>, cleanup?: (s: Store) => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    const withStore = async (fn: (s: Store) => Promise<void>) => {
      const s = await makeStore();
      try {
        await fn(s);
      } finally {
        await cleanup?.(s);
        await s.close();
      }
    };

    it('creates, reads and lists objects in key order', () =>
      withStore(async (s) => {
        await s.transaction(async (tx) => {
          await tx.create(key('b'), svc('b'));
          await tx.create(key('a'), svc('a'));
          await tx.create(key('c', 'other'), svc('c'));
        });
        expect((await s.get(key('a')))?.metadata.name).toBe('a');
        expect((await s.list('/registry/services/specs/default/')).map((o) => o.metadata.name)).toEqual(['a', 'b']);
        expect((await s.list('/registry/services/specs/')).map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
        expect(await s.get(key('zzz'))).toBeUndefined();
      }));

    it('stamps every write with the revision of its transaction', () =>
      withStore(async (s) => {
        const start = await s.revision();
        const created = await s.transaction((tx) => tx.create(key('a'), svc('a')));
        expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(start);
        expect((await s.get(key('a')))?.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
        expect(await s.revision()).toBe(Number(created.metadata.resourceVersion));
      }));

    it('refuses to create an existing key', () =>
      withStore(async (s) => {
        await s.transaction((tx) => tx.create(key('a'), svc('a')));
        await expect(s.transaction((tx) => tx.create(key('a'), svc('a')))).rejects.toMatchObject({ code: 'AlreadyExists' });
      }));

    it('updates only from the current resourceVersion', () =>
      withStore(async (s) => {
        const v1 = await s.transaction((tx) => tx.create(key('a'), svc('a', { spec: { n: 1 } })));
        const v2 = await s.transaction((tx) => tx.update(key('a'), { ...v1, spec: { n: 2 } }));
        expect(v2.metadata.resourceVersion).not.toBe(v1.metadata.resourceVersion);
        const stale = s.transaction((tx) => tx.update(key('a'), { ...v1, spec: { n: 3 } }));
        await expect(stale).rejects.toBeInstanceOf(StoreError);
        await expect(stale).rejects.toMatchObject({ code: 'Conflict' });
        expect((await s.get(key('a')))?.spec).toEqual({ n: 2 });
      }));

    it('reports NotFound when updating a missing key', () =>
      withStore(async (s) => {
        await expect(s.transaction((tx) => tx.update(key('nope'), svc('nope')))).rejects.toMatchObject({ code: 'NotFound' });
      }));

    it('rolls back every write of a failed transaction', () =>
      withStore(async (s) => {
        await s.transaction((tx) => tx.create(key('keep'), svc('keep')));
        const rev = await s.revision();
        await expect(
          s.transaction(async (tx) => {
            await tx.create(key('x'), svc('x'));
            await tx.delete(key('keep'));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await s.get(key('x'))).toBeUndefined();
        expect(await s.get(key('keep'))).toBeDefined();
        expect(await s.revision()).toBe(rev);
      }));

    it('rolls back to what was there before, whatever a key went through in the transaction', () =>
      withStore(async (s) => {
        await s.transaction(async (tx) => {
          await tx.create(key('updated'), svc('updated', { spec: { n: 1 } }));
          await tx.create(key('recreated'), svc('recreated', { spec: { n: 1 } }));
          await tx.create(key('deleted'), svc('deleted', { spec: { n: 1 } }));
        });
        const before = await s.list('/registry/services/specs/');
        const rev = await s.revision();
        await expect(
          s.transaction(async (tx) => {
            // Each key is written more than once: the first write's before-image must win.
            for (const n of [2, 3]) await tx.put(key('updated'), svc('updated', { spec: { n } }));
            await tx.delete(key('recreated'));
            await tx.create(key('recreated'), svc('recreated', { spec: { n: 2 } }));
            await tx.delete(key('recreated'));
            await tx.create(key('recreated'), svc('recreated', { spec: { n: 3 } }));
            await tx.delete(key('deleted'));
            await tx.create(key('born'), svc('born'));
            await tx.delete(key('born'));
            await tx.create(key('born'), svc('born'));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await s.list('/registry/services/specs/')).toEqual(before);
        expect(await s.revision()).toBe(rev);
      }));

    it('sees its own writes inside a transaction', () =>
      withStore(async (s) => {
        await s.transaction(async (tx) => {
          await tx.create(key('a'), svc('a'));
          expect((await tx.get(key('a')))?.metadata.name).toBe('a');
          expect((await tx.list('/registry/services/specs/default/')).length).toBe(1);
          await tx.delete(key('a'));
          expect(await tx.get(key('a'))).toBeUndefined();
        });
        expect(await s.get(key('a'))).toBeUndefined();
      }));

    it.each([
      { name: 'one label', labels: { app: 'web' }, want: ['a', 'b', 'c'] },
      { name: 'a prefixed key', labels: { 'app.kubernetes.io/name': 'web' }, want: ['a', 'd'] },
      { name: 'two labels, both needed', labels: { app: 'web', tier: 'front' }, want: ['a', 'c'] },
      { name: 'a value nothing has', labels: { app: 'nope' }, want: [] },
      { name: 'a numeric-looking value', labels: { v: '1' }, want: ['a', 'c'] },
    ])('lists by labels as list() filtered would: $name', ({ labels, want }) =>
      withStore(async (s) => {
        const labelled = (name: string, l?: Record<string, string>) => ({ ...svc(name), metadata: { name, namespace: 'default', ...(l ? { labels: l } : {}) } });
        await s.transaction(async (tx) => {
          await tx.create(key('a'), labelled('a', { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'web', v: '1' }));
          await tx.create(key('b'), labelled('b', { app: 'web', tier: 'back' }));
          await tx.create(key('c'), labelled('c'));
          await tx.create(key('d'), labelled('d', { app: 'webx', 'app.kubernetes.io/name': 'web' }));
          await tx.create(key('e', 'other'), labelled('e', { app: 'web', tier: 'front' }));
        });
        await s.transaction(async (tx) => {
          // Inside the transaction that wrote it, an object is listed by its new labels.
          await tx.put(key('c'), labelled('c', { app: 'web', tier: 'front', v: '1' }));
          const prefix = '/registry/services/specs/default/';
          expect((await tx.list(prefix)).filter((o) => hasLabels(o, labels)).map((o) => o.metadata.name)).toEqual(want);
          expect((await listLabeled(tx, prefix, labels)).map((o) => o.metadata.name)).toEqual(want);
        });
      }),
    );

    it.each([
      { name: 'the controller named', kind: 'ReplicaSet', owner: 'web-1', want: ['a', 'c'] },
      { name: 'another name', kind: 'ReplicaSet', owner: 'web-2', want: ['d'] },
      { name: 'a non-controller reference does not count', kind: 'Deployment', owner: 'web', want: [] },
      { name: 'nothing owned', kind: 'ReplicaSet', owner: 'none', want: [] },
    ])('lists by controller as list() filtered would: $name', ({ kind, owner, want }) =>
      withStore(async (s) => {
        const ref = (k: string, n: string, controller: boolean) => ({ apiVersion: 'apps/v1', kind: k, name: n, uid: `${n}-uid`, controller });
        const owned = (name: string, refs?: ReturnType<typeof ref>[]) => ({ ...svc(name), metadata: { name, namespace: 'default', ...(refs ? { ownerReferences: refs } : {}) } });
        await s.transaction(async (tx) => {
          await tx.create(key('a'), owned('a', [ref('ReplicaSet', 'web-1', true)]));
          await tx.create(key('b'), owned('b'));
          await tx.create(key('d'), owned('d', [ref('Deployment', 'web', false), ref('ReplicaSet', 'web-2', true)]));
          await tx.create(key('e', 'other'), owned('e', [ref('ReplicaSet', 'web-1', true)]));
        });
        await s.transaction(async (tx) => {
          // Written in this transaction: seen by its own reads.
          await tx.put(key('c'), owned('c', [ref('ReplicaSet', 'web-1', true)]));
          const prefix = '/registry/services/specs/default/';
          expect((await tx.list(prefix)).filter((o) => isControlledByName(o, kind, owner)).map((o) => o.metadata.name)).toEqual(want);
          expect((await listControlledBy(tx, prefix, kind, owner)).map((o) => o.metadata.name)).toEqual(want);
        });
      }),
    );

    it('deletes a whole prefix', () =>
      withStore(async (s) => {
        await s.transaction(async (tx) => {
          for (const n of ['a', 'b', 'c']) await tx.create(key(n), svc(n));
          await tx.create('/registry/pods/default/p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
        });
        const n = await s.transaction((tx) => tx.deletePrefix('/registry/services/'));
        expect(n).toBe(3);
        expect(await s.list('/registry/services/')).toEqual([]);
        expect(await s.list('/registry/pods/')).toHaveLength(1);
      }));

    it('never hands out stale copies: callers cannot mutate stored state', () =>
      withStore(async (s) => {
        await s.transaction((tx) => tx.create(key('a'), svc('a', { spec: { n: 1 } })));
        const got = await s.get(key('a'));
        (got!.spec as { n: number }).n = 99;
        expect((await s.get(key('a')))?.spec).toEqual({ n: 1 });
      }));

    it('serialises concurrent transactions without losing writes', () =>
      withStore(async (s) => {
        await s.transaction((tx) => tx.create(key('counter'), svc('counter', { spec: { n: 0 } })));
        await Promise.all(
          Array.from({ length: 10 }, () =>
            s.transaction(async (tx) => {
              const cur = (await tx.get(key('counter')))!;
              const n = (cur.spec as { n: number }).n;
              await tx.put(key('counter'), { ...cur, spec: { n: n + 1 } });
            }),
          ),
        );
        expect((await s.get(key('counter')))?.spec).toEqual({ n: 10 });
      }));
  });
}
