// Bundles the CLI into dist/bundle/ (ESM, code-split at every lazy import) so that start-up pays
// for a few files instead of resolving a hundred modules. Native and rarely used packages stay
// external and load only when a command needs them.
import { rmSync } from 'node:fs';
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

await build({
  plugins: [lazyChildProcess],
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled (resolving its dozen files costs ~10 ms a start); its
  // native addon is loaded by path at run time.
  external: ['etcd3', '*.node'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS packages (commander) call require() for node builtins.
  banner: { js: "import { createRequire as __svcctlRequire } from 'node:module'; const require = __svcctlRequire(import.meta.url);" },
});
