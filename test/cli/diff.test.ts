// `svcctl diff -f`: the stored objects against what apply would store (a server-side dry run), by
// `diff -u -N` over LIVE and MERGED directories; exit 1 when they differ; Secret values masked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/run-cli.js';

const deploy = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "${image}"}]\n`;
const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: ${value}, user: YWRtaW4=}\n`;

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.dispose());

function file(name: string, text: string): string {
  const f = join(sb.state, name);
  writeFileSync(f, text);
  return f;
}

/** The diff's changed lines, without the headers that name temporary paths. */
const changes = (out: string) => out.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));

describe('diff', () => {
  it('finds nothing to change in what was applied, and exits 0', async () => {
    const f = file('web.yaml', deploy('nginx:1.27'));
    await sb.run(['apply', '-f', f]);
    expect(await sb.run(['diff', '-f', f])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('shows what apply would change, generation included, and exits 1', async () => {
    await sb.run(['apply', '-f', file('web.yaml', deploy('nginx:1.27'))]);
    const r = await sb.run(['diff', '-f', file('web2.yaml', deploy('nginx:1.28'))]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^diff -u -N \S+\/LIVE-\w+\/apps\.v1\.Deployment\.default\.web \S+\/MERGED-\w+\/apps\.v1\.Deployment\.default\.web\n/);
    // The last-applied annotation changes too; the version a dry run answers with does not.
    expect(changes(r.stdout).filter((l) => !l.includes('last-applied') && !l.includes('"apiVersion"'))).toEqual([
      '-  generation: 1',
      '+  generation: 2',
      '-      - image: nginx:1.27',
      '+      - image: nginx:1.28',
    ]);
  });

  it('shows a new object whole, and masks Secret values', async () => {
    await sb.run(['apply', '-f', file('s.yaml', secret('b2xk'))]);
    const r = await sb.run(['diff', '-f', file('s2.yaml', secret('bmV3')), '-f', file('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n')]);
    expect(r.exitCode).toBe(1);
    const lines = changes(r.stdout);
    expect(lines).toContain("-  password: '*** (before)'");
    expect(lines).toContain("+  password: '*** (after)'");
    expect(r.stdout).toContain("\n   user: '***'\n");
    expect(lines).toContain('+kind: Service');
    expect(lines.some((l) => l.startsWith('+  resourceVersion'))).toBe(false);
  });

  it('runs KUBECTL_EXTERNAL_DIFF with its plain flags after the two directories', async () => {
    await sb.run(['apply', '-f', file('web.yaml', deploy('nginx:1.27'))]);
    const r = await sb.run(['diff', '-f', file('web2.yaml', deploy('nginx:1.28'))], { env: { KUBECTL_EXTERNAL_DIFF: 'diff -q' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^Files \S+\/LIVE-\w+\/apps\.v1\.Deployment\.default\.web and \S+\/MERGED-\w+\/apps\.v1\.Deployment\.default\.web differ\n$/);
  });
});
