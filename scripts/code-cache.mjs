// Makes the bundle's code caches (bin/code-cache.cjs), one per command group: a fresh process per
// group runs that group's typical commands without output, then saves V8's code for every
// function they compiled. The read group runs against the state the write group left.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { loadBundle, cacheFile, GROUPS } = require('../bin/code-cache.cjs');

const TRAINING = {
  write: [['apply', '-f', 'fixtures/seeds/mariadb/'], ['delete', 'svc', 'nothing-by-this-name', '--ignore-not-found']],
  read: [
    ['get', 'svc'],
    ['get', 'svc', '-A', '-o', 'wide'],
    ['get', 'pods', '-o', 'wide'],
  ],
  lint: [['lint', '-f', 'fixtures/seeds/', '-R']],
};

async function train(group, state) {
  const bundle = loadBundle(group);
  const quiet = { write: () => true };
  const env = { ...process.env, SVCCTL_STATE: state, NO_COLOR: '1' };
  for (const argv of TRAINING[group]) {
    await bundle.exports.main(argv, { io: { stdout: quiet, stderr: quiet, readStdin: async () => '', env, cwd: process.cwd() } });
  }
  bundle.saveCaches();
}

const [group, state] = process.argv.slice(2);
if (group) {
  await train(group, state);
} else {
  const groups = [...Object.keys(GROUPS), 'read'];
  for (const g of groups) rmSync(cacheFile(g), { force: true });
  const scratch = mkdtempSync(join(tmpdir(), 'svcctl-code-cache-'));
  try {
    for (const g of groups) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), g, scratch], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`training the ${g} code cache failed`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
