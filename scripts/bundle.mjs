// Bundles the CLI into dist/bundle/: main.cjs holds the whole CLI; each precompiled schema
// validator is its own file under schema/, loaded when a command first needs that kind.
// CommonJS, because bin/svcctl.cjs compiles the bundle with V8's code cache (node:vm), which on
// Node 20 cannot load ES modules; dynamic import() becomes require(). Native and rarely used
// packages stay external and load only when a command needs them.
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

/**
 * commander requires child_process at load time for executable subcommands, which svcctl never
 * uses; loading it (and net, dgram, streams with it) costs every command several milliseconds.
 * This hands commander a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander') ? { path: 'lazy-child-process', namespace: 'svcctl' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'svcctl' }, () => ({
      contents:
        "let real; module.exports = new Proxy({}, { get: (_, k) => (real ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

/**
 * js-yaml tries each way a node could be read in turn, and two of those tries (a block mapping, a
 * flow collection) make a null-prototype object before they know whether they apply: a dictionary
 * of about 200 bytes for every scalar of the input, a tenth of what a large lint run allocates. It
 * records keys a merge (`<<`) may override and is read only through own-property checks, so an
 * empty object with an inert prototype does the same job; it turns into a dictionary only once
 * a merge deletes from it. The build fails if js-yaml's source no longer has both lines.
 */
const cheapMergeKeys = {
  name: 'cheap-merge-keys',
  setup(b) {
    b.onLoad({ filter: /node_modules\/js-yaml\/dist\/js-yaml\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const line = /overridableKeys = Object\.create\(null\),/g;
      const found = source.match(line)?.length ?? 0;
      if (found !== 2) throw new Error(`cheap-merge-keys: expected 2 overridableKeys objects in ${args.path}, found ${found}`);
      const keys = 'function OverridableKeys() {}\nOverridableKeys.prototype = Object.create(null);\n';
      return { contents: keys + source.replace(line, 'overridableKeys = new OverridableKeys(),'), loader: 'js' };
    });
  },
};

/** The generated schema modules (5 MB in all) stay out of main.cjs: it requires ./schema/<name>.cjs. */
const separateSchemas = {
  name: 'separate-schemas',
  setup(b) {
    b.onResolve({ filter: /\.generated\.js$/ }, (args) =>
      args.importer.endsWith('validators.generated.ts') || args.path.includes('gotypes')
        ? { path: `./schema/${args.path.replace(/^\.\//, '').replace(/\.js$/, '.cjs')}`, external: true }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  supported: { 'dynamic-import': false },
  // Short names and no line breaks make a smaller bundle to read and cache; SVCCTL_BUNDLE_NAMES=1
  // keeps names and lines for profiling (a profile's hot lines are then statements, not the file).
  minifyWhitespace: !process.env.SVCCTL_BUNDLE_NAMES,
  minifySyntax: true,
  minifyIdentifiers: !process.env.SVCCTL_BUNDLE_NAMES,
  legalComments: 'none',
  // ASCII only (esbuild's default, stated because bin/code-cache.cjs relies on it: it reads the
  // bundle as latin1, faster than UTF-8).
  charset: 'ascii',
  logLevel: 'warning',
};

await build({
  ...common,
  plugins: [lazyChildProcess, separateSchemas, cheapMergeKeys],
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/main.cjs',
  external: ['etcd3', '*.node'],
  // The code's import.meta.url (to find packages and files beside it) is the bundle's own URL.
  define: { 'import.meta.url': '__svcctlBundleUrl' },
  banner: { js: "const __svcctlBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const schemaDir = 'src/api/schema';
await build({
  ...common,
  entryPoints: [
    `${schemaDir}/gotypes.generated.ts`,
    ...readdirSync(`${schemaDir}/validators`).filter((f) => f.endsWith('.generated.ts')).map((f) => `${schemaDir}/validators/${f}`),
  ],
  outdir: 'dist/bundle/schema',
  outExtension: { '.js': '.cjs' },
});
