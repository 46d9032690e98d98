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

/**
 * Median wall times in ms of `cases` ({ name, cmd, args, env?, setup? }). The cases take turns,
 * one run each per round (after a warm-up round), so that the machine's drift during the bench
 * falls on all of them alike.
 */
function timeInterleaved(cases) {
  const samples = cases.map(() => []);
  for (let round = 0; round <= RUNS; round++) {
    cases.forEach((c, i) => {
      c.setup?.();
      const t0 = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { env: { ...env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${c.cmd} ${c.args.join(' ')} failed: ${r.stderr}`);
      if (round > 0) samples[i].push(ms);
    });
  }
  return cases.map((c, i) => {
    const sorted = samples[i].sort((a, b) => a - b);
    return { name: c.name, ms: sorted[Math.floor(sorted.length / 2)] };
  });
}

function hasKubectl() {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

const empty = mkdtempSync(join(tmpdir(), 'bench-empty-'));
spawnSync(process.execPath, [BIN, 'get', 'ns'], { env: { ...env, SVCCTL_STATE: empty } });
// The 5,000 Services live in their own namespace: `get svc` in default prints the same one row
// as on the empty store, so any difference is the store's size. Listing all 5,000 is measured
// apart, as a cost per printed row.
const big = mkdtempSync(join(tmpdir(), 'bench-5k-'));
const t0 = Date.now();
await seedServices(big, 5000, 'bench');
const seedSecs = ((Date.now() - t0) / 1000).toFixed(1);
const kubectlHome = mkdtempSync(join(tmpdir(), 'bench-kubectl-'));
let n = 0;
/** A new Service each run: apply creates, as it would for a user adding one. */
const nextService = (state) => () =>
  writeFileSync(join(state, 'one.yaml'), `apiVersion: v1\nkind: Service\nmetadata:\n  name: bench-${n++}\nspec:\n  ports:\n  - port: 80\n`);
const svcctl = (name, state, args, setup) => ({ name, cmd: process.execPath, args: [BIN, ...args], env: { SVCCTL_STATE: state }, setup });

const KUBECTL = 'kubectl create service --dry-run=client -o yaml (baseline)';
const results = timeInterleaved([
  { name: 'node -e 0 (baseline)', cmd: process.execPath, args: ['-e', '0'] },
  ...(hasKubectl()
    ? [{ name: KUBECTL, cmd: 'kubectl', args: ['create', 'service', 'clusterip', 'x', '--tcp=80', '--dry-run=client', '-o', 'yaml'], env: { HOME: kubectlHome, KUBECONFIG: '/nonexistent' } }]
    : []),
  svcctl('svcctl get svc (empty store)', empty, ['get', 'svc']),
  svcctl('svcctl get svc (5,000 Services in another namespace)', big, ['get', 'svc']),
  svcctl('svcctl get svc -A (5,001 rows)', big, ['get', 'svc', '-A']),
  svcctl('svcctl apply -f one.yaml (empty store)', empty, ['apply', '-f', join(empty, 'one.yaml')], nextService(empty)),
  svcctl('svcctl apply -f one.yaml (5,000 Services)', big, ['apply', '-f', join(big, 'one.yaml')], nextService(big)),
]);
const msOf = (prefix) => results.find((r) => r.name.startsWith(prefix))?.ms;
const nodeMs = msOf('node -e 0');
const kubectlMs = msOf(KUBECTL);

const w = Math.max(...results.map((r) => r.name.length));
console.log(`svcctl bench: median of ${RUNS} interleaved runs each (5,000-Service store seeded in ${seedSecs}s)\n`);
console.log(`${'command'.padEnd(w)}  ${'ms'.padStart(8)}  ${'x node'.padStart(7)}  ${'x kubectl'.padStart(9)}`);
for (const r of results) {
  const k = kubectlMs ? (r.ms / kubectlMs).toFixed(2) : 'n/a';
  console.log(`${r.name.padEnd(w)}  ${r.ms.toFixed(1).padStart(8)}  ${(r.ms / nodeMs).toFixed(2).padStart(7)}  ${k.padStart(9)}`);
}
const get5k = msOf('svcctl get svc (5,000');
const getEmpty = msOf('svcctl get svc (empty');
const perRow = ((msOf('svcctl get svc -A') - getEmpty) / 5000) * 1000;
const applyBig = msOf('svcctl apply -f one.yaml (5,000');
const applyEmpty = msOf('svcctl apply -f one.yaml (empty');
const verdict = (ms) => (kubectlMs ? (ms <= kubectlMs ? 'met' : 'NOT met') : 'n/a');
console.log(`\ngoal: get svc no slower than kubectl's client-side create: ${verdict(getEmpty)} (empty store), ${verdict(get5k)} (5,000-Service store)`);
console.log(`growth with store size (same output): get svc x${(get5k / getEmpty).toFixed(2)}, apply x${(applyBig / applyEmpty).toFixed(2)}`);
console.log(`printing a listing: ${perRow.toFixed(1)} us per row (get svc -A over 5,001 Services)`);
for (const d of [empty, big, kubectlHome]) rmSync(d, { recursive: true, force: true });
await (await import('./dns.mjs')).runDnsBench();
await (await import('./lint.mjs')).runLintBench();
