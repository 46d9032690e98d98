// The built command starts from V8 code caches (bin/code-cache.cjs): each command line uses its
// group's cache, the caches `npm run build` made are accepted by a plain `node`, and a missing
// cache (the bundle's, a schema validator's) is made by the next run. Needs the build (npm test
// builds first).
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const BIN_DIR = join(__dirname, '..', '..', 'bin');
const { cacheGroup, cacheFile } = require(join(BIN_DIR, 'code-cache.cjs')) as {
  cacheGroup(argv: string[]): string;
  cacheFile(group: string): string;
};

const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_OPTIONS; // the caches are made for plain node: other V8 flags reject them

/** In a plain node process, loads the bundle with `group`'s cache and says whether it was stale. */
function staleInFreshProcess(group: string, binDir = BIN_DIR): boolean {
  const loader = JSON.stringify(join(binDir, 'code-cache.cjs'));
  const script = `process.stdout.write(String(require(${loader}).loadBundle(${JSON.stringify(group)}).stale));`;
  const r = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout === 'true';
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('code cache groups', () => {
  it.each([
    [['get', 'svc'], 'read'],
    [['--state', '/tmp/x', 'get', 'svc', '-o', 'wide'], 'read'],
    [['describe', 'svc', 'web'], 'read'],
    [['resolve', 'web'], 'read'],
    [[], 'read'],
    [['apply', '-f', 'x.yaml'], 'write'],
    [['-n', 'shop', 'delete', 'svc', 'web'], 'write'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80'], 'write'],
    [['scale', 'deployment', 'web', '--replicas=2'], 'write'],
    [['lint', '-f', '-'], 'lint'],
  ])('%j uses the %s cache', (argv, group) => {
    expect(cacheGroup(argv)).toBe(group);
  });
});

describe('code caches made by the build', () => {
  it.each(['read', 'write', 'lint'])('the %s cache is accepted by a plain node', (group) => {
    expect(existsSync(cacheFile(group))).toBe(true);
    expect(staleInFreshProcess(group)).toBe(false);
  });

  it('missing caches are written by the next command (the bundle\'s and a validator\'s), and accepted after', () => {
    // A copy of the installed layout without caches, so the real ones stay as the build made them.
    const root = mkdtempSync(join(tmpdir(), 'svcctl-cache-'));
    dirs.push(root);
    const repo = join(BIN_DIR, '..');
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
    for (const f of ['svcctl.cjs', 'code-cache.cjs']) copyFileSync(join(BIN_DIR, f), join(root, 'bin', f));
    copyFileSync(join(repo, 'dist', 'bundle', 'main.cjs'), join(root, 'dist', 'bundle', 'main.cjs'));
    const validators = join(root, 'dist', 'bundle', 'schema', 'validators');
    mkdirSync(validators, { recursive: true });
    const serviceSchema = join(validators, 'core.v1.Service.generated.cjs');
    copyFileSync(join(repo, 'dist', 'bundle', 'schema', 'validators', 'core.v1.Service.generated.cjs'), serviceSchema);
    symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
    const copy = join(root, 'bin');
    const cache = join(root, 'dist', 'bundle', 'main.cjs.read.cache');

    expect(staleInFreshProcess('read', copy)).toBe(true);
    const r = spawnSync(process.execPath, [join(copy, 'svcctl.cjs'), 'get', 'svc'], { env: { ...env, SVCCTL_STATE: join(root, 'state') }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME +TYPE +CLUSTER-IP/);
    expect(existsSync(cache)).toBe(true);
    expect(staleInFreshProcess('read', copy)).toBe(false);

    const web = join(root, 'web.yaml');
    writeFileSync(web, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n');
    const applied = spawnSync(process.execPath, [join(copy, 'svcctl.cjs'), 'apply', '-f', web], { env: { ...env, SVCCTL_STATE: join(root, 'state') }, encoding: 'utf8' });
    expect(applied.stdout).toBe('service/web created\n');
    expect(existsSync(`${serviceSchema}.write.cache`)).toBe(true);

    // Lint runs under V8 flags of its own, which reject caches made without them: it makes and
    // keeps its own, and the write group's stay accepted.
    const linted = spawnSync(process.execPath, [join(copy, 'svcctl.cjs'), 'lint', '-f', web], { env, encoding: 'utf8' });
    expect(linted.stderr).toBe('');
    expect(existsSync(`${serviceSchema}.lint.cache`)).toBe(true);
    expect(staleInFreshProcess('lint', copy)).toBe(false);
    expect(staleInFreshProcess('write', copy)).toBe(false);
  });
});

describe('start-up', () => {
  it('the bundle and its schema modules are ASCII, so reading them as latin1 gives their exact text', () => {
    const bundleDir = join(BIN_DIR, '..', 'dist', 'bundle');
    const files = [join(bundleDir, 'main.cjs'), ...readdirSync(join(bundleDir, 'schema'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.cjs')).map((f) => join(bundleDir, 'schema', f))];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(isAscii(readFileSync(f)), f).toBe(true);
  });

  // Each of these node modules adds milliseconds to every command that loads it; svcctl needs none
  // of them (uids come from Math.random, the invocation clock from process.uptime(), the home
  // directory only without $HOME).
  it('neither the first command on a new state (it creates the cluster) nor `get svc` loads crypto, perf_hooks or os', () => {
    const dir = mkdtempSync(join(tmpdir(), 'svcctl-startup-'));
    dirs.push(dir);
    // Preloaded, it reports at exit the node modules the command loaded (node -e loads some itself).
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "const fs = require('fs');\nprocess.on('exit', () => fs.writeSync(2, JSON.stringify(process.moduleLoadList)));\n");
    for (let run = 0; run < 2; run++) {
      const r = spawnSync(process.execPath, ['-r', probe, join(BIN_DIR, 'svcctl.cjs'), 'get', 'svc'], { env: { ...env, SVCCTL_STATE: join(dir, 'state') }, encoding: 'utf8' });
      expect(r.stdout).toMatch(/^NAME +TYPE +CLUSTER-IP/);
      const loaded = JSON.parse(r.stderr) as string[];
      expect(loaded).toContain('NativeModule vm'); // the list is the real one
      for (const m of ['crypto', 'perf_hooks', 'os']) expect(loaded, `run ${run}`).not.toContain(`NativeModule ${m}`);
    }
  });
});
