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
 * V8 flags by group, set before anything is compiled. Lint optimizes a great many functions once
 * each; with less inlining TurboFan (on the other core) finishes them sooner and leaves that core
 * to the garbage collector: about 5% off a large run. V8 rejects a cache made under other flags,
 * which is why each group keeps its own caches, the schema validators' too.
 */
const V8_FLAGS = {
  lint: '--max-inlined-bytecode-size-cumulative=300',
};

/**
 * Compiles and runs the CommonJS module in `file` with the V8 code cache in `cache`. Returns its
 * exports, whether the cache was missing or rejected, and a way to write one holding every
 * function compiled so far. `requireFor` gives the module its require().
 */
function runCached(file, cache, requireFor) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  // esbuild writes ASCII only (non-ASCII characters escaped), so latin1 reads the same text, in
  // about half the time node's UTF-8 decoding takes (every command pays it for ~1 MB of bundle).
  const script = new vm.Script(Module.wrap(fs.readFileSync(file).latin1Slice()), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, requireFor(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    stale: cachedData === undefined || script.cachedDataRejected === true,
    save: () => writeAtomically(cache, script.createCachedData()),
  };
}

/**
 * The bundle's exports, or undefined when there is no bundle, compiled with the cache of `group`
 * (under the group's V8 flags). The schema validators it requires (dist/bundle/schema/, hundreds
 * of kilobytes each) load with caches of their own, one per group, beside them. `stale` says the
 * bundle's cache was missing or rejected; `saveCaches()` writes every cache that was, holding
 * every function compiled so far.
 */
function loadBundle(group) {
  if (!fs.existsSync(BUNDLE)) return undefined;
  if (V8_FLAGS[group]) require('node:v8').setFlagsFromString(V8_FLAGS[group]);
  const schemaDir = path.join(path.dirname(BUNDLE), 'schema');
  /** Schema modules by path, each run once (as require() would). */
  const schemas = new Map();
  const requireFor = (file) => {
    const plain = Module.createRequire(file);
    const cachedRequire = (id) => {
      const target = id.startsWith('./schema/') ? path.join(path.dirname(file), id) : undefined;
      if (!target || !target.startsWith(schemaDir)) return plain(id);
      if (!schemas.has(target)) schemas.set(target, runCached(target, `${target}.${group}.cache`, Module.createRequire));
      return schemas.get(target).exports;
    };
    return Object.assign(cachedRequire, { resolve: plain.resolve, cache: plain.cache });
  };
  const bundle = runCached(BUNDLE, cacheFile(group), requireFor);
  return {
    exports: bundle.exports,
    stale: bundle.stale,
    saveCaches: () => {
      for (const m of [bundle, ...schemas.values()]) if (m.stale) m.save();
    },
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
