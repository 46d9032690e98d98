#!/usr/bin/env node
'use strict';
// The svcctl command. It runs the bundle (npm run build) with V8's code cache; without a bundle,
// the unbundled build in dist/cli.
const { cacheGroup, loadBundle } = require('./code-cache.cjs');

async function run() {
  const argv = process.argv.slice(2);
  const group = cacheGroup(argv);
  const bundle = loadBundle(group);
  const { main } = bundle ? bundle.exports : await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
  // After the run, so that a cache made now holds what this command compiled.
  if (bundle) bundle.saveCaches();
  // lint holds a scratch cluster of everything it read to the end, and opens nothing of the
  // user's: once its report is out there is nothing left to do, and giving a large run's heap
  // back page by page would take tens of milliseconds more. The report went out through
  // synchronous writes (src/cli/io.ts): nothing waits to be flushed.
  if (group === 'lint') process.exit(process.exitCode);
}

run();
