// The esbuild build the README shows: bundle, code splitting (locales are chunks), and the
// file loader for the .wasm.
import { build } from 'esbuild';

await build({
  entryPoints: ['main.js'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  loader: { '.wasm': 'file' },
  logLevel: 'error',
});
