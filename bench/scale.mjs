#!/usr/bin/env node
// Reconciliation cost follows the change, not the cluster: one Service apply and one pod delete
// against a store of SCALE_PODS pods (default 100,000) in 50 namespaces and SCALE_SERVICES Services
// (default 10,000), each as a ratio to the same command on an empty store; and one full resync.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dist = join(root, 'dist');
const BIN = join(root, 'bin', 'svcctl.cjs');
const PODS = Number(process.env.SCALE_PODS ?? 100000);
const SERVICES = Number(process.env.SCALE_SERVICES ?? 10000);
const NAMESPACES = 50;
const PODS_PER_NODE = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;

const { SqliteStore } = await import(join(dist, 'store', 'sqlite.js'));
const { openEngine, write } = await import(join(dist, 'engine.js'));
const { Registry } = await import(join(dist, 'registry', 'registry.js'));
const { resourceByKind } = await import(join(dist, 'api', 'scheme.js'));
const { typePrefix } = await import(join(dist, 'store', 'keys.js'));

function svcctl(state, args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, SVCCTL_STATE: state }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`svcctl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Median ms of `run(state, setup(state))` on the empty and the big state, over RUNS runs each. The
 * two take turns, run by run, so that the machine's drift during the bench falls on both alike.
 */
function medians(setup, run) {
  const times = { empty: [], big: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, state] of [['empty', empty], ['big', big]]) {
      const arg = setup(state);
      const t0 = process.hrtime.bigint();
      run(state, arg);
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const median = (s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)];
  return [median(times.empty), median(times.big)];
}

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** Writes the big cluster straight through the registry (Services) and the store (pods). */
async function seed(state) {
  const nodes = Math.ceil(PODS / PODS_PER_NODE);
  svcctl(state, ['cluster', 'init', '--nodes', String(nodes), '--pod-cidr', '10.0.0.0/8']);
  const store = new SqliteStore(state);
  const engine = await openEngine(store, () => new Date(), Math.random);
  const svcType = resourceByKind('Service');
  const nsType = resourceByKind('Namespace');
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await store.transaction(async (tx) => {
    const reg = new Registry(tx, { cluster: engine.cluster, now: engine.now, random: Math.random });
    for (let n = 0; n < NAMESPACES; n++) await reg.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } });
    for (let i = 0; i < SERVICES; i++) {
      const ns = `ns-${i % NAMESPACES}`;
      await reg.create(svcType, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}`, namespace: ns },
        spec: { selector: { app: `app-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
      });
    }
    await reg.flush();
  });
  const perService = Math.floor(PODS / SERVICES);
  await store.transaction(async (tx) => {
    for (let p = 0; p < PODS; p++) {
      const svc = Math.floor(p / perService) % SERVICES;
      const ns = `ns-${svc % NAMESPACES}`;
      const node = Math.floor(p / PODS_PER_NODE);
      const name = `pod-${p}`;
      await tx.put(`/registry/pods/${ns}/${name}`, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, uid: `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`, creationTimestamp: now, labels: { app: `app-${svc}` } },
        spec: { nodeName: `node-${node + 1}`, containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }] },
        status: {
          phase: 'Running',
          podIP: ip((10 << 24) + (node + 1) * 256 + 2 + (p % PODS_PER_NODE)),
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      });
    }
  });
  await store.close();
}

async function fullResync(state) {
  const store = new SqliteStore(state);
  const engine = await openEngine(store, () => new Date(), Math.random);
  const t0 = Date.now();
  await write(engine, async () => undefined, { resync: true });
  const ms = Date.now() - t0;
  await store.close();
  return ms;
}

/**
 * What a resync reads before any controller works: every object of the kinds it lists, parsed
 * (pods, Endpoints and slices as the views it reads).
 */
async function readFloor(state) {
  const store = new SqliteStore(state);
  const t0 = Date.now();
  let n = 0;
  // Pods, Endpoints and slices as the resync reads them: their views (controllers/views).
  for (const kind of ['Pod', 'Endpoints', 'EndpointSlice']) n += (await store.listViews(typePrefix(resourceByKind(kind)))).length;
  for (const kind of ['Service', 'ReplicaSet', 'Deployment']) n += (await store.list(typePrefix(resourceByKind(kind)))).length;
  const ms = Date.now() - t0;
  await store.close();
  return { ms, n };
}

const big = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const empty = mkdtempSync(join(tmpdir(), 'bench-scale-empty-'));
let t0 = Date.now();
await seed(big);
const seedSecs = (Date.now() - t0) / 1000;
const firstResync = await fullResync(big); // builds every Endpoints/EndpointSlice
// A settled cluster, the steady-state cost: the median of three.
const settled = [await fullResync(big), await fullResync(big), await fullResync(big)].sort((a, b) => a - b);
const resync = settled[1];
const floor = await readFloor(big);
svcctl(empty, ['apply', '-f', join(root, 'fixtures', 'seeds', 'mariadb')]);
svcctl(big, ['apply', '-f', join(root, 'fixtures', 'seeds', 'mariadb')]);

let n = 0;
const newService = (state) => {
  const f = join(state, 'one.yaml');
  writeFileSync(f, `apiVersion: v1\nkind: Service\nmetadata:\n  name: bench-${n++}\nspec:\n  selector:\n    app: mariadb\n  ports:\n  - port: 80\n`);
  return f;
};
const [applyEmpty, applyBig] = medians(newService, (state, f) => svcctl(state, ['apply', '-f', f]));
// The same in a crowded namespace: ns-0 holds PODS / NAMESPACES pods; the Service selects 10 of them.
const crowdedService = (state) => {
  const f = join(state, 'crowded.yaml');
  writeFileSync(f, `apiVersion: v1\nkind: Service\nmetadata:\n  name: bench-${n++}\n  namespace: ns-0\nspec:\n  selector:\n    app: app-0\n  ports:\n  - port: 80\n    targetPort: 8080\n`);
  return f;
};
const [crowdedEmpty, crowdedBig] = medians(crowdedService, (state, f) => svcctl(state, ['apply', '-f', f]));
const podOf = (state) => JSON.parse(svcctl(state, ['get', 'pods', '-l', 'app=mariadb', '-o', 'json'])).items[0].metadata.name;
const [deleteEmpty, deleteBig] = medians(podOf, (state, p) => svcctl(state, ['delete', 'pod', p]));

console.log(`svcctl scale bench: ${PODS} pods in ${NAMESPACES} namespaces, ${SERVICES} Services (seeded in ${seedSecs.toFixed(1)}s)`);
console.log(`apply one Service:  empty ${applyEmpty.toFixed(0)} ms, big ${applyBig.toFixed(0)} ms, ratio ${(applyBig / applyEmpty).toFixed(2)} (goal <= 1.5)`);
console.log(`  into ns-0 (${PODS / NAMESPACES} pods): empty ${crowdedEmpty.toFixed(0)} ms, big ${crowdedBig.toFixed(0)} ms, ratio ${(crowdedBig / crowdedEmpty).toFixed(2)} (goal <= 1.5)`);
console.log(`delete one pod:     empty ${deleteEmpty.toFixed(0)} ms, big ${deleteBig.toFixed(0)} ms, ratio ${(deleteBig / deleteEmpty).toFixed(2)} (goal <= 1.5)`);
console.log(`full resync:        first ${(firstResync / 1000).toFixed(2)} s (creates every Endpoints/slice), settled ${(resync / 1000).toFixed(2)} s (median of 3; goal < 2 s)`);
console.log(`  of which reading:  ${(floor.ms / 1000).toFixed(2)} s to read and parse the ${floor.n} objects (or their views) it lists, before any controller runs`);
for (const d of [big, empty]) rmSync(d, { recursive: true, force: true });
