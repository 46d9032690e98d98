// The command clock is the moment the process started: ages are of when the user ran the command.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it('measures ages from the process start, however long ago that was', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'svcctl-clock-'));
  dirs.push(dir);
  // 90 whole seconds before this process started; this test runs well after that.
  const created = new Date(Math.floor(performance.timeOrigin / 1000) * 1000 - 90_000).toISOString().replace('.000Z', 'Z');
  const file = join(dir, 'web.yaml');
  writeFileSync(file, `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: ${created}\nspec:\n  clusterIP: 10.96.0.9\n  ports:\n  - port: 80\n`);
  // Over a second after the start: a clock read now would say 91s.
  const wait = 1200 - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  let out = '';
  const quiet = { write: () => true };
  const code = await main(['get', '-f', file, '--local', '--no-headers'], {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: quiet, readStdin: async () => '', env: { SVCCTL_STATE: dir, NO_COLOR: '1' }, cwd: dir },
  });
  expect(code).toBe(0);
  expect(out.trim().split(/\s{2,}/).at(-1)).toBe('90s');
});
