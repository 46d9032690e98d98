#!/usr/bin/env node
'use strict';
// The svcctl command. It runs the bundle (npm run build) with V8's code cache; without a bundle,
// the unbundled build in dist/cli.
const { cacheGroup, loadBundle } = require('./code-cache.cjs');

async function run() {
  const argv = process.argv.slice(2);
  const bundle = loadBundle(cacheGroup(argv));
  const { main } = bundle ? bundle.exports : await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
  // After the run, so that a cache made now holds what this command compiled.
  if (bundle) bundle.saveCaches();
}

run();
