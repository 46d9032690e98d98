// The CLI on a shared etcd (--store etcd://...): the same story as on SQLite, and several
// processes at once. Runs when SVCCTL_TEST_ETCD names an etcd (.ci/run starts one).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/api/types.js';
import { EtcdStore } from '../../src/store/etcd.js';
import { Sandbox } from '../helpers/run-cli.js';

const etcd = process.env.SVCCTL_TEST_ETCD;
const BIN = join(__dirname, '..', '..', 'bin', 'svcctl.cjs');
const SEEDS = join(__dirname, '..', '..', 'fixtures', 'seeds');
const url = `etcd://${etcd}/svcctl-cli-${process.pid}`;

describe.skipIf(!etcd)('svcctl on etcd', () => {
  const sb = new Sandbox();
  const run = (args: string[]) => sb.run(['--store', url, ...args]);
  afterAll(async () => {
    const store = new EtcdStore(url);
    await store.transaction((tx) => tx.deletePrefix('/registry/'));
    await store.close();
    sb.dispose();
  });

  it('applies, lists and deletes, keeping keys where kube-apiserver keeps them', async () => {
    expect((await run(['apply', '-f', join(SEEDS, 'mariadb')])).exitCode).toBe(0);
    const svc = JSON.parse((await run(['get', 'svc', 'mariadb-service', '-o', 'json'])).stdout) as Service;
    expect(svc.spec.clusterIP).toMatch(/^10\./);
    const store = new EtcdStore(url);
    try {
      const raw = await store.get('/registry/services/specs/default/mariadb-service');
      expect(raw?.metadata.uid).toBe(svc.metadata.uid);
      // resourceVersion is the etcd revision of the key.
      expect(raw?.metadata.resourceVersion).toBe(svc.metadata.resourceVersion);
      expect(await store.get('/registry/ranges/serviceips')).toBeDefined();
      expect((await store.list('/registry/pods/default/')).length).toBe(1);
    } finally {
      await store.close();
    }
    expect((await run(['delete', 'svc', 'mariadb-service'])).stdout).toBe('service "mariadb-service" deleted\n');
  });

  it('never hands out one address twice to processes writing at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svcctl-etcd-'));
    try {
      const env = { ...process.env, NO_COLOR: '1' };
      delete env.NODE_EXTRA_CA_CERTS;
      const files = ['p', 'q', 'r'].map((p) => {
        const f = join(dir, `${p}.yaml`);
        writeFileSync(
          f,
          Array.from({ length: 8 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${p}-${i}\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n`).join('---\n'),
        );
        return f;
      });
      const codes = await Promise.all(
        files.map(
          (f) =>
            new Promise<number>((resolve) =>
              spawn(process.execPath, [BIN, '--store', url, 'apply', '-f', f], { env, stdio: 'ignore' }).on('exit', (c) => resolve(c ?? 1)),
            ),
        ),
      );
      expect(codes).toEqual([0, 0, 0]);
      const svcs = JSON.parse((await run(['get', 'svc', '-o', 'json'])).stdout).items as Service[];
      const mine = svcs.filter((s) => /^[pqr]-\d$/.test(s.metadata.name!));
      expect(mine).toHaveLength(24);
      expect(new Set(mine.map((s) => s.spec.clusterIP)).size).toBe(24);
      expect(new Set(mine.map((s) => s.spec.ports![0].nodePort)).size).toBe(24);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
