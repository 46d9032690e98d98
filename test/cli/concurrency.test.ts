// Several svcctl processes writing one state directory at once: nothing lost, nothing handed out
// twice, and a process killed mid-apply leaves a consistent store. Spawns the built binary.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPRange } from '../../src/allocators/ip-range.js';
import { PortRange } from '../../src/allocators/port-range.js';
import type { Service } from '../../src/api/types.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { viewOf } from '../../src/controllers/views.js';

const BIN = join(__dirname, '..', '..', 'bin', 'svcctl.cjs');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'svcctl-conc-'));
  dirs.push(d);
  return d;
}

function services(prefix: string, n: number, type = 'NodePort'): string {
  return Array.from(
    { length: n },
    (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${prefix}-${i}\nspec:\n  type: ${type}\n  ports:\n  - port: 80\n`,
  ).join('---\n');
}

function svcctl(state: string, args: string[]): { done: Promise<number>; kill: () => void } {
  const env = { ...process.env, SVCCTL_STATE: state, NO_COLOR: '1' };
  delete env.NODE_EXTRA_CA_CERTS;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1))),
    kill: () => child.kill('SIGKILL'),
  };
}

/** Reads the store directly: services, and how many addresses/ports the bitmaps hold. */
async function inspect(state: string) {
  const store = new SqliteStore(state);
  try {
    const svcs = (await store.list('/registry/services/specs/')) as Service[];
    const ips = IPRange.fromSnapshot((await store.get('/registry/ranges/serviceips')) as never);
    const ports = PortRange.fromSnapshot((await store.get('/registry/ranges/servicenodeports')) as never);
    return { svcs, ipsUsed: ips.used(), portsUsed: ports.used() };
  } finally {
    await store.close();
  }
}

describe('concurrent svcctl processes on one state directory', () => {
  it('lose nothing and never hand out an address or port twice', async () => {
    const state = tmp();
    // Create the cluster first so the writers race on Services, not on bootstrap.
    expect(await svcctl(state, ['get', 'ns']).done).toBe(0);
    const files = ['a', 'b', 'c', 'd'].map((p) => {
      const f = join(state, `${p}.yaml`);
      writeFileSync(f, services(p, 15));
      return f;
    });
    const codes = await Promise.all(files.map((f) => svcctl(state, ['apply', '-f', f]).done));
    expect(codes).toEqual([0, 0, 0, 0]);
    const { svcs, ipsUsed, portsUsed } = await inspect(state);
    expect(svcs).toHaveLength(61);
    const ips = svcs.map((s) => s.spec.clusterIP);
    expect(new Set(ips).size).toBe(61);
    const nodePorts = svcs.flatMap((s) => (s.spec.ports ?? []).map((p) => p.nodePort)).filter(Boolean);
    expect(nodePorts).toHaveLength(60);
    expect(new Set(nodePorts).size).toBe(60);
    expect(ipsUsed).toBe(61);
    expect(portsUsed).toBe(60);
  });

  it('leaves the last committed state when a process is killed mid-apply', async () => {
    const state = tmp();
    expect(await svcctl(state, ['get', 'ns']).done).toBe(0);
    const f = join(state, 'many.yaml');
    writeFileSync(f, services('k', 300));
    const run = svcctl(state, ['apply', '-f', f]);
    await new Promise((r) => setTimeout(r, 700));
    run.kill();
    await run.done;
    const { svcs, ipsUsed, portsUsed } = await inspect(state);
    // Whatever landed is whole: every stored Service holds exactly the addresses the bitmaps hold.
    expect(ipsUsed).toBe(svcs.length);
    expect(portsUsed).toBe(svcs.length - 1);
    expect(new Set(svcs.map((s) => s.spec.clusterIP)).size).toBe(svcs.length);
  });

  it('keep the view of every pod, Endpoints and EndpointSlice as the object it stands for', async () => {
    const state = tmp();
    expect(await svcctl(state, ['get', 'ns']).done).toBe(0);
    const app = (name: string, replicas: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${name}\n` +
      `  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n        - name: http\n          containerPort: 80\n` +
      `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n    targetPort: http\n`;
    const files = ['a', 'b', 'c'].map((n, i) => {
      const f = join(state, `${n}.yaml`);
      writeFileSync(f, app(n, 2 + i));
      return f;
    });
    expect(await Promise.all(files.map((f) => svcctl(state, ['apply', '-f', f]).done))).toEqual([0, 0, 0]);
    // Writers racing again: a scale, a readiness flip and a resync of the whole cluster.
    const again = [
      svcctl(state, ['scale', 'deployment', 'a', '--replicas=5']),
      svcctl(state, ['delete', 'deployment', 'b']),
      svcctl(state, ['sim', 'advance', '10s']),
    ];
    expect(await Promise.all(again.map((r) => r.done))).toEqual([0, 0, 0]);
    const store = new SqliteStore(state);
    try {
      for (const prefix of ['/registry/pods/', '/registry/services/endpoints/', '/registry/endpointslices/']) {
        const objects = await store.list(prefix);
        const views = (await store.listViews(prefix)) ?? [];
        expect(views.map((v) => v.metadata.name)).toEqual(objects.map((o) => o.metadata.name));
        expect(views).toEqual(objects.map((o) => viewOf(o)));
      }
      expect((await store.list('/registry/pods/')).length).toBe(5 + 4);
    } finally {
      await store.close();
    }
  });
});
