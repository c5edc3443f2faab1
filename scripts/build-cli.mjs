// Builds the command line into dist-cli/soma.mjs (run by `npm run build:cli` and by npm's `prepare`
// after `npm ci`): src/cli bundled with esbuild into plain JavaScript, one chunk per command
// (the CLI imports a command only when it runs), so `soma` starts without a TypeScript
// transpiler. The WebAssembly kernels are base64 in TypeScript and bundle like any module.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `node scripts/build-cli.mjs [OUTDIR]`: dist-cli/ unless another folder is named (the tests build into a temporary one). */
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist-cli'));

/**
 * digits.ts imports its Node reader through a variable, so that Vite never bundles it into the
 * page; here the reader is what Node needs, so the import is written out for esbuild to follow.
 */
const digitsNodeReader = {
  name: 'digits-node-reader',
  setup(b) {
    b.onLoad({ filter: /src[\\/]core[\\/]data[\\/]digits\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const dynamic = 'import(/* @vite-ignore */ NODE_READER)';
      if (!text.includes(dynamic)) throw new Error(`build-cli: ${dynamic} not found in digits.ts; update scripts/build-cli.mjs`);
      return { contents: text.replace(dynamic, "import('./digits-node')"), loader: 'ts' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { soma: path.join(root, 'src/cli/main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [digitsNodeReader],
  logLevel: 'warning',
});
chmodSync(path.join(outdir, 'soma.mjs'), 0o755); // the `bin` entry runs it directly
