// `svcctl lint` end to end, in-process: golden reports per format, exit codes, configuration,
// CRD-driven validation, stdin, and the SARIF document's shape.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const fixtures = join(import.meta.dirname, '../fixtures/lint');
const golden = join(fixtures, 'golden');
const sb = new Sandbox();
afterAll(() => sb.dispose());

describe('svcctl lint output formats', () => {
  it.each(['text', 'json', 'junit', 'sarif', 'github'].map((format) => ({ name: format, format })))('$name', async ({ format }) => {
    const r = await sb.run(['lint', '-f', 'app.yaml', '-o', format], { cwd: golden });
    expect(r.stdout).toBe(readFileSync(join(golden, `app.${format}.golden`), 'utf8'));
    expect(r.exitCode).toBe(1);
  });

  it('text ends with the kubeconform summary line', async () => {
    const r = await sb.run(['lint', '-f', 'app.yaml'], { cwd: golden });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Summary: 3 resources found in 1 file - Valid: 1, Invalid: 2, Errors: 0, Skipped: 0');
  });

  it('sarif is a SARIF 2.1.0 log: rules indexed, regions 1-based, relative uris', async () => {
    const r = await sb.run(['lint', '-f', 'app.yaml', '-o', 'sarif'], { cwd: golden });
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('svcctl');
    for (const res of log.runs[0].results) {
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(res.level);
      expect(typeof res.message.text).toBe('string');
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe('app.yaml');
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    for (const rule of driver.rules) expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
  });

  it('sarif validates against the official SARIF 2.1.0 JSON schema', async () => {
    const { default: Ajv04 } = await import('ajv-draft-04');
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema's language pattern is not valid as a unicode regexp; ajv's default is unicode.
    const validate = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    for (const files of [['app.yaml'], ['-']]) {
      const r = await sb.run(['lint', '-f', ...files, '-o', 'sarif'], { cwd: golden, stdin: readFileSync(join(golden, 'app.yaml'), 'utf8') });
      const ok = validate(JSON.parse(r.stdout));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});

describe('svcctl lint exit codes and configuration', () => {
  const cases = [
    { name: 'clean file exits 0', args: ['-f', 'rules/externalname-is-ip.good.yaml'], cwd: fixtures, code: 0, out: 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n' },
    { name: 'warnings alone exit 0', args: ['-f', 'rules/external-without-source-ranges.bad.yaml', '-o', 'github'], cwd: fixtures, code: 0, out: '::warning file=rules/external-without-source-ranges.bad.yaml,line=6,col=3::Service/default/web: LoadBalancer Service has no loadBalancerSourceRanges: reachable from any address [external-without-source-ranges]\n' },
    { name: '--warnings-as-errors exits 1', args: ['-f', 'rules/external-without-source-ranges.bad.yaml', '-o', 'github', '--warnings-as-errors'], cwd: fixtures, code: 1, out: '::error file=rules/external-without-source-ranges.bad.yaml,line=6,col=3::Service/default/web: LoadBalancer Service has no loadBalancerSourceRanges: reachable from any address [external-without-source-ranges]\n' },
    { name: '--disable drops a rule', args: ['-f', 'rules/externalname-is-ip.bad.yaml', '--disable', 'externalname-is-ip'], cwd: fixtures, code: 0, out: 'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n' },
    { name: 'config file upward, annotation and skipKinds', args: ['-f', 'svc.yaml'], cwd: join(fixtures, 'cfg/sub'), code: 0, out: 'Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 1\n' },
    { name: '--enable beats the config file', args: ['-f', 'svc.yaml', '--enable', 'external-without-source-ranges', '-o', 'github'], cwd: join(fixtures, 'cfg/sub'), code: 0, out: '::warning file=svc.yaml,line=8,col=3::Service/default/web: NodePort Service has no loadBalancerSourceRanges: reachable from any address [external-without-source-ranges]\n' },
    { name: '--skip-kinds', args: ['-f', 'rules/externalname-is-ip.bad.yaml', '--skip-kinds', 'Service'], cwd: fixtures, code: 0, out: 'Summary: 1 resource found in 1 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 1\n' },
    {
      name: 'CRD validates its custom resources; other unknown kinds are skipped',
      args: ['-f', 'crd/widgets.yaml'],
      cwd: fixtures,
      code: 1,
      out:
        'crd/widgets.yaml\n' +
        '  42:3  error    Widget/default/bad  spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"  [crd-schema]\n' +
        '  43:3  error    Widget/default/bad  spec.colour: Unsupported value: "green": supported values: "red", "blue"  [crd-schema]\n' +
        '  44:3  error    Widget/default/bad  unknown field "spec.shape"  [crd-schema]\n' +
        '\n' +
        'Summary: 4 resources found in 1 file - Valid: 2, Invalid: 1, Errors: 0, Skipped: 1\n',
    },
    {
      name: '--reject-unknown makes an unknown kind an error',
      args: ['-f', 'crd/widgets.yaml', '-o', 'github', '--disable', 'crd-schema', '--reject-unknown'],
      cwd: fixtures,
      code: 1,
      out: '::error file=crd/widgets.yaml,line=47,col=1::Gadget/unknown: no matches for kind "Gadget" in version "example.com/v1" [unknown-kind]\n',
    },
    { name: 'unknown output format', args: ['-f', 'app.yaml', '-o', 'xml'], cwd: golden, code: 1, out: '' },
  ];
  it.each(cases)('$name', async ({ args, cwd, code, out }) => {
    const r = await sb.run(['lint', ...args], { cwd });
    expect(r.stdout).toBe(out);
    expect(r.exitCode).toBe(code);
  });

  it('reads stdin with -f - and writes JUnit', async () => {
    const stdin = readFileSync(join(fixtures, 'rules/externalname-is-ip.bad.yaml'), 'utf8');
    const r = await sb.run(['lint', '-f', '-', '-o', 'junit'], { cwd: fixtures, stdin });
    expect(r.stdout).toContain('<testsuite name="STDIN" tests="1" failures="1" errors="0" skipped="0">');
    expect(r.stdout).toContain('type="externalname-is-ip">STDIN:7:3: externalName &quot;10.0.0.7&quot; is an IP address');
    expect(r.exitCode).toBe(1);
  });

  it('JUnit has a test case per document: passed, failed, errored, skipped, and one per unreadable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-junit-'));
    try {
      const docs = [
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\nspec:\n  ports: [{port: 80}]\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports: [{port: 0}]\n',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n',
      ];
      writeFileSync(join(dir, 'a.yaml'), docs.join('---\n'));
      writeFileSync(join(dir, 'b.yaml'), Buffer.from([0, 1, 2]));
      const r = await sb.run(['lint', '-f', '.', '-o', 'junit'], { cwd: dir });
      expect(r.exitCode).toBe(1);
      const cases = [...r.stdout.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"(\/>|>\n\s*<(\w+))/g)].map((m) => `${m[2]} ${m[1]} ${m[4] ?? 'passed'}`);
      expect(cases).toEqual([
        'a.yaml Service/default/ok passed',
        'a.yaml Service/default/bad failure',
        'a.yaml Widget/w skipped',
        'a.yaml a.yaml:23 error',
        'b.yaml b.yaml:1 error',
      ]);
      expect(r.stdout).toContain('<testsuites name="svcctl lint" tests="5" failures="1" errors="2" disabled="1">');
      expect(r.stdout).toContain('<testsuite name="a.yaml" tests="4" failures="1" errors="1" skipped="1">');
      expect(r.stdout).toContain('<testsuite name="b.yaml" tests="1" failures="0" errors="1" skipped="0">');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts each document once when a file is named twice (read twice)', async () => {
    const r = await sb.run(['lint', '-f', 'app.yaml', '-f', 'app.yaml'], { cwd: golden });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Summary: 6 resources found in 2 files - Valid: 0, Invalid: 6, Errors: 0, Skipped: 0');
    const junit = await sb.run(['lint', '-f', 'app.yaml', '-f', 'app.yaml', '-o', 'junit'], { cwd: golden });
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(6);
  });

  it('never opens the state store', async () => {
    const fresh = new Sandbox();
    try {
      await fresh.run(['lint', '-f', join(golden, 'app.yaml')]);
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(fresh.state)).toEqual([]);
    } finally {
      fresh.dispose();
    }
  });
});

describe('progress on a terminal', () => {
  it('writes progress to stderr only when it is a TTY, and clears the line', async () => {
    const { main } = await import('../../src/cli/main.js');
    const file = join(__dirname, '..', '..', 'fixtures', 'seeds', 'svc-nodeport-mariadb.yml');
    const run = async (isTTY: boolean) => {
      let stderr = '';
      let stdout = '';
      const code = await main(['lint', '-f', file, '-o', 'json'], {
        io: {
          stdout: { write: (s: string) => (stdout += s), isTTY: false },
          stderr: { write: (s: string) => (stderr += s), isTTY },
          readStdin: async () => '',
          env: { NO_COLOR: '1' },
          cwd: process.cwd(),
        },
        now: () => new Date('2025-01-01T00:00:00Z'),
        random: Math.random,
      });
      return { code, stderr, stdout };
    };
    const piped = await run(false);
    expect(piped.stderr).toBe('');
    const tty = await run(true);
    expect(tty.stderr).toContain('\rlint: creating 1 object in a scratch cluster...'.replace('\r', '\r\x1b[K'));
    expect(tty.stderr).toContain('lint: checking 1 document in 1 file...');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(tty.stdout).toBe(piped.stdout);
  });
});

describe('the built command', () => {
  // bin/svcctl.cjs exits as soon as lint's report is written instead of freeing its heap first:
  // a report far larger than a pipe's buffer must still reach a reader that is slow to start.
  it('writes a large report whole through a slow pipe, with the exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-pipe-'));
    try {
      const svc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  ports:\n  - port: 99999\n`;
      writeFileSync(join(dir, 'many.yaml'), Array.from({ length: 1500 }, (_, i) => svc(i)).join('---\n'));
      const bin = join(import.meta.dirname, '../../bin/svcctl.cjs');
      const env = { ...process.env, NO_COLOR: '1' };
      const r = spawnSync('sh', ['-c', `node "${bin}" lint -f many.yaml -o json | (sleep 0.5; cat)`], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(r.stdout.length).toBeGreaterThan(1 << 18);
      const report = JSON.parse(r.stdout);
      expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'apiserver-validation')).toHaveLength(3000);
      const direct = spawnSync(process.execPath, [bin, 'lint', '-f', 'many.yaml', '-o', 'json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(direct.status).toBe(1);
      expect(direct.stdout).toBe(r.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
