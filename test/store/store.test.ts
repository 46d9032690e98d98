import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('memory', async () => new MemoryStore());

const dirs = new Map<object, string>();
describeStoreContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svcctl-store-'));
    const s = new SqliteStore(dir);
    dirs.set(s, dir);
    return s;
  },
  async (s) => {
    const dir = dirs.get(s);
    await s.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

// Against a real etcd when one is given (.ci/run starts one): SVCCTL_TEST_ETCD=127.0.0.1:2379
const etcd = process.env.SVCCTL_TEST_ETCD;
if (etcd) {
  const { EtcdStore } = await import('../../src/store/etcd.js');
  describeStoreContract(
    'etcd',
    async () => {
      const s = new EtcdStore(`etcd://${etcd}/svcctl-contract-${process.pid}`);
      await s.transaction((tx) => tx.deletePrefix('/registry/'));
      return s;
    },
    async (s) => {
      await s.transaction((tx) => tx.deletePrefix('/registry/'));
    },
  );
}

describe('SqliteStore page size', () => {
  const pageSize = (dir: string): number => {
    const db = new Database(join(dir, 'state.db'), { readonly: true });
    try {
      return db.pragma('page_size', { simple: true }) as number;
    } finally {
      db.close();
    }
  };
  const withDir = async (fn: (dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'svcctl-pages-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x'.repeat(2000) }] } });

  it('makes a new database with 16 KiB pages (a pod of a few KB stays inside its b-tree page)', () =>
    withDir(async (dir) => {
      const s = new SqliteStore(dir);
      await s.transaction((tx) => tx.create('/registry/pods/default/a', pod('a')));
      await s.close();
      expect(pageSize(dir)).toBe(16384);
    }));

  it('opens a database made with SQLite’s default pages as it is, data and page size unchanged', () =>
    withDir(async (dir) => {
      const old = new Database(join(dir, 'state.db'));
      old.pragma('journal_mode = WAL');
      old.exec('CREATE TABLE objects (key TEXT PRIMARY KEY, value TEXT NOT NULL, mod_revision INTEGER NOT NULL) WITHOUT ROWID');
      old.prepare('INSERT INTO objects VALUES (?, ?, 1)').run('/registry/pods/default/a', JSON.stringify(pod('a')));
      old.close();
      const s = new SqliteStore(dir);
      await s.transaction((tx) => tx.create('/registry/pods/default/b', pod('b')));
      expect((await s.list('/registry/pods/')).map((o) => o.metadata.name)).toEqual(['a', 'b']);
      await s.close();
      expect(pageSize(dir)).toBe(4096);
    }));
});
