'use strict';
// Loads the CLI bundle (dist/bundle/main.cjs) through node:vm with V8's code cache. Compiling
// the bundle is most of what a short command costs; with the cache V8 skips it. V8 reads a cache
// whole, so there is one per kind of command (read, write, lint): `get` does not pay for the code
// of `lint`. `npm run build` makes them by running typical commands (scripts/code-cache.mjs), so
// each holds the functions its commands compile. V8 rejects a cache made by another Node version
// or with other flags; the run then compiles as usual and leaves a fresh cache behind.
// (Node 22 has module.enableCompileCache() for this; Node 20 does not. The v8-compile-cache
// package saves code before it runs, so its cache misses lazily compiled functions, and it
// cannot load a bundle that uses dynamic import().)
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'bundle', 'main.cjs');

/** Commands by the code they run; any other command is a `read`. */
const GROUPS = {
  write: ['apply', 'create', 'delete', 'expose', 'run', 'label', 'scale', 'sim', 'cluster'],
  lint: ['lint'],
};

/** The cache group of a command line: its first word that names a command. */
function cacheGroup(argv) {
  for (const arg of argv) {
    for (const [group, commands] of Object.entries(GROUPS)) if (commands.includes(arg)) return group;
  }
  return 'read';
}

function cacheFile(group) {
  return `${BUNDLE}.${group}.cache`;
}

/**
 * The bundle's exports, or undefined when there is no bundle, compiled with the cache of `group`.
 * `stale` says that cache was missing or rejected; `saveCache()` writes one holding every
 * function compiled so far.
 */
function loadBundle(group) {
  const CACHE = cacheFile(group);
  let source;
  try {
    source = fs.readFileSync(BUNDLE, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  const wrapper = script.runInThisContext();
  wrapper.call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return {
    exports: module.exports,
    stale: cachedData === undefined || script.cachedDataRejected === true,
    saveCache: () => writeAtomically(CACHE, script.createCachedData()),
  };
}

/** Readers never see half a cache; a cache that cannot be written (read-only install) is no error. */
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

module.exports = { loadBundle, cacheGroup, cacheFile, GROUPS };
