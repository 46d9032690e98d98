#!/usr/bin/env node
// npm run bench: wall times of svcctl commands as ratios to baselines measured in the same run
// (`node -e 0` and kubectl's own client-side `create service --dry-run=client -o yaml`).
// NODE_EXTRA_CA_CERTS is unset for every timed process: users don't have it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedServices } from './seed.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(root, 'bin', 'svcctl.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;

/** Median wall time in ms of `cmd args` over RUNS runs (after one warm-up). */
function time(cmd, args, extraEnv = {}, setup) {
  const samples = [];
  for (let i = 0; i <= RUNS; i++) {
    setup?.();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    if (i > 0) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function hasKubectl() {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

const results = [];
const row = (name, ms) => results.push({ name, ms });

const nodeMs = time(process.execPath, ['-e', '0']);
row('node -e 0 (baseline)', nodeMs);
const kubectlHome = mkdtempSync(join(tmpdir(), 'bench-kubectl-'));
const kubectlMs = hasKubectl()
  ? time('kubectl', ['create', 'service', 'clusterip', 'x', '--tcp=80', '--dry-run=client', '-o', 'yaml'], {
      HOME: kubectlHome,
      KUBECONFIG: '/nonexistent',
    })
  : undefined;
if (kubectlMs) row('kubectl create service --dry-run=client -o yaml (baseline)', kubectlMs);

const empty = mkdtempSync(join(tmpdir(), 'bench-empty-'));
spawnSync(process.execPath, [BIN, 'get', 'ns'], { env: { ...env, SVCCTL_STATE: empty } });
row('svcctl get svc (empty store)', time(process.execPath, [BIN, 'get', 'svc'], { SVCCTL_STATE: empty }));

const big = mkdtempSync(join(tmpdir(), 'bench-5k-'));
const t0 = Date.now();
await seedServices(big, 5000);
const seedSecs = ((Date.now() - t0) / 1000).toFixed(1);
row('svcctl get svc (5,000 Services)', time(process.execPath, [BIN, 'get', 'svc'], { SVCCTL_STATE: big }));
const one = join(big, 'one.yaml');
let n = 0;
const nextService = () =>
  writeFileSync(one, `apiVersion: v1\nkind: Service\nmetadata:\n  name: bench-${n++}\nspec:\n  ports:\n  - port: 80\n`);
row('svcctl apply -f one.yaml (empty store)', time(process.execPath, [BIN, 'apply', '-f', one], { SVCCTL_STATE: empty }, nextService));
row('svcctl apply -f one.yaml (5,000 Services)', time(process.execPath, [BIN, 'apply', '-f', one], { SVCCTL_STATE: big }, nextService));

const w = Math.max(...results.map((r) => r.name.length));
console.log(`svcctl bench: median of ${RUNS} runs each (5,000-Service store seeded in ${seedSecs}s)\n`);
console.log(`${'command'.padEnd(w)}  ${'ms'.padStart(8)}  ${'x node'.padStart(7)}  ${'x kubectl'.padStart(9)}`);
for (const r of results) {
  const k = kubectlMs ? (r.ms / kubectlMs).toFixed(2) : 'n/a';
  console.log(`${r.name.padEnd(w)}  ${r.ms.toFixed(1).padStart(8)}  ${(r.ms / nodeMs).toFixed(2).padStart(7)}  ${k.padStart(9)}`);
}
const get5k = results.find((r) => r.name.startsWith('svcctl get svc (5,000')).ms;
const getEmpty = results.find((r) => r.name.startsWith('svcctl get svc (empty')).ms;
const applyBig = results.find((r) => r.name.startsWith('svcctl apply -f one.yaml (5,000')).ms;
const applyEmpty = results.find((r) => r.name.startsWith('svcctl apply -f one.yaml (empty')).ms;
console.log(`\ngoal: get svc no slower than kubectl's client-side create: ${kubectlMs ? (getEmpty <= kubectlMs ? 'met' : 'NOT met') : 'n/a'} (empty), ${kubectlMs ? (get5k <= kubectlMs ? 'met' : 'NOT met') : 'n/a'} (5,000)`);
console.log(`growth with store size: get svc x${(get5k / getEmpty).toFixed(2)}, apply x${(applyBig / applyEmpty).toFixed(2)}`);
for (const d of [empty, big, kubectlHome]) rmSync(d, { recursive: true, force: true });
await (await import('./dns.mjs')).runDnsBench();
await (await import('./lint.mjs')).runLintBench();
