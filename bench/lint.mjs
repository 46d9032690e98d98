#!/usr/bin/env node
// svcctl lint throughput: a generated ~13 MB file of 10,000 Pods/Deployments/Services (the
// kubeconform comparison of issue 6: kubeconform does ~1,900 documents/s here), linted with
// `-o json`, in documents per second; and lint of one small file as a ratio to `node -e 0`.
// NODE_EXTRA_CA_CERTS is unset for every timed process: users don't have it.
// LINT_DOCS (default 10000) and BENCH_RUNS (default 3) change the size and the number of runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(root, 'bin', 'svcctl.cjs');
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;

/** The project's seeded random source (built): the same manifests every run. */
const { seededRandom: prng } = await import(new URL('../dist/allocators/random.js', import.meta.url).href);

const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'media', 'ads', 'billing'];
const IMAGES = ['nginx:1.27.3', 'redis:7.4.1', 'ghcr.io/acme/api:v2.14.0', 'ghcr.io/acme/worker:v2.14.0', 'envoyproxy/envoy:v1.32.1'];

function container(rnd, name, i) {
  const cpu = [50, 100, 250, 500][Math.floor(rnd() * 4)];
  const mem = [64, 128, 256, 512][Math.floor(rnd() * 4)];
  return [
    `      - name: ${name}`,
    `        image: ${IMAGES[i % IMAGES.length]}`,
    '        imagePullPolicy: IfNotPresent',
    '        args: ["--port=8080", "--metrics-port=9090", "--log-level=info"]',
    '        ports:',
    '        - name: http',
    '          containerPort: 8080',
    '          protocol: TCP',
    '        - name: metrics',
    '          containerPort: 9090',
    '        env:',
    '        - name: APP_ENV',
    '          value: "production"',
    '        - name: APP_REPLICA_INDEX',
    `          value: "${i}"`,
    '        - name: POD_NAME',
    '          valueFrom:',
    '            fieldRef:',
    '              fieldPath: metadata.name',
    '        - name: DB_PASSWORD',
    '          valueFrom:',
    '            secretKeyRef:',
    `              name: ${name}-db`,
    '              key: password',
    '        resources:',
    '          requests:',
    `            cpu: ${cpu}m`,
    `            memory: ${mem}Mi`,
    '          limits:',
    `            cpu: ${cpu * 2}m`,
    `            memory: ${mem * 2}Mi`,
    '        readinessProbe:',
    '          httpGet:',
    '            path: /healthz',
    '            port: http',
    '          periodSeconds: 10',
  ];
}

function labels(indent, app, team) {
  return [`${indent}app.kubernetes.io/name: ${app}`, `${indent}app.kubernetes.io/part-of: ${team}`, `${indent}tier: backend`];
}

/** One app = a Deployment, a Pod and a Service selecting both, in the team's namespace. */
function app(rnd, i) {
  const team = TEAMS[i % TEAMS.length];
  const name = `${team}-app-${i}`;
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${team}`,
    '  labels:',
    ...labels('    ', name, team),
    '  annotations:',
    `    acme.io/owner: "${team}@acme.example"`,
    'spec:',
    `  replicas: ${1 + (i % 3)}`,
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    ...labels('        ', name, team),
    '    spec:',
    '      containers:',
    ...container(rnd, name, i),
  ];
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}-debug`,
    `  namespace: ${team}`,
    '  labels:',
    ...labels('    ', name, team),
    'spec:',
    '  restartPolicy: Always',
    '  containers:',
    ...container(rnd, `${name}-debug`, i).map((l) => l.slice(4)),
  ];
  const service = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${team}`,
    '  labels:',
    ...labels('    ', name, team),
    'spec:',
    '  type: ClusterIP',
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    '  - name: http',
    '    port: 80',
    '    targetPort: http',
    '    protocol: TCP',
    '  - name: metrics',
    '    port: 9090',
    '    targetPort: metrics',
  ];
  return [deployment, pod, service].map((lines) => lines.join('\n'));
}

/** Writes `count` documents (Deployment, Pod, Service in turn) to `file`; returns its size in bytes. */
export function generateLintInput(file, count) {
  const rnd = prng(6);
  const docs = [];
  for (let i = 0; docs.length < count; i++) docs.push(...app(rnd, i));
  writeFileSync(file, `${docs.slice(0, count).join('\n---\n')}\n`);
  return statSync(file).size;
}

/** Parses the file named by argv[1] with js-yaml (as lint's fast path does, document by document). */
const JS_YAML_PARSE = `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const jsyaml = createRequire(${JSON.stringify(join(root, 'package.json'))})('js-yaml');
let n = 0;
jsyaml.loadAll(readFileSync(process.argv[1], 'utf8'), () => n++);
if (n === 0) process.exit(2);`;

/** Median wall time (ms) and the last run's stdout of `node args` over `runs` runs. */
function time(args, runs) {
  const samples = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    stdout = r.stdout;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], stdout };
}

/** Runs the lint benchmark and prints its lines. */
export function runLintBench() {
  const docs = Number(process.env.LINT_DOCS ?? 10000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-lint-'));
  try {
    const big = join(dir, 'big.yaml');
    const bytes = generateLintInput(big, docs);
    const small = join(dir, 'small.yaml');
    generateLintInput(small, 3);
    const lint = time([BIN, 'lint', '-f', big, '-o', 'json'], runs);
    const report = JSON.parse(lint.stdout);
    // A baseline from the same run: js-yaml alone reading the same file in a fresh process (the
    // issue's facts put it at ~2 s for its 13 MB file when kubeconform took 5.3 s), so a slow
    // spell of this machine shows in both numbers.
    const parseOnly = time(['--input-type=module', '-e', JS_YAML_PARSE, big], runs);
    const node = time(['-e', '0'], Math.max(runs, 5));
    const one = time([BIN, 'lint', '-f', small, '-o', 'json'], Math.max(runs, 5));
    const perSec = (docs / lint.ms) * 1000;
    console.log(`\nsvcctl lint: median of ${runs} runs`);
    console.log(`  ${docs} documents, ${(bytes / 1e6).toFixed(1)} MB: ${(lint.ms / 1000).toFixed(2)} s = ${Math.round(perSec)} documents/s (${report.findings?.length ?? '?'} findings; goal 3,800/s, kubeconform ~1,900/s)`);
    console.log(`  js-yaml alone parses the file in ${(parseOnly.ms / 1000).toFixed(2)} s (same run): lint takes x${(lint.ms / parseOnly.ms).toFixed(2)} that`);
    console.log(`  one small file: ${one.ms.toFixed(1)} ms = x${(one.ms / node.ms).toFixed(2)} node -e 0 (${node.ms.toFixed(1)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runLintBench();
