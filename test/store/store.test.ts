import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
