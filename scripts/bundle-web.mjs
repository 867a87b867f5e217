// dist/lms-errors.js: the browser entry (web/index.js and the modules it imports) as one minified
// ES module, which package.json's exports hand to browsers and bundlers. A page without a
// bundler then downloads one 6.5 KB file instead of six readable modules (16 KB gzip); the
// readable sources stay in web/ (Node runs them as they are) with a source map pointing there.
// esbuild bundles; terser then compresses its output once more (-0.2 KB gzip that esbuild's
// single-pass minifier leaves), keeping the source map chain back to web/.
//   node scripts/bundle-web.mjs
import { build } from 'esbuild';
import { minify } from 'terser';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const bundled = await build({
  // web/tools.js (emit, codegen, the lint: init({ tools: true }) only) is imported dynamically,
  // so it becomes a file of its own, dist/lms-errors-tools.js, fetched only by pages that ask.
  entryPoints: [
    { in: fileURLToPath(new URL('web/index.js', root)), out: 'lms-errors' },
    { in: fileURLToPath(new URL('web/tools.js', root)), out: 'lms-errors-tools' },
  ],
  outdir: fileURLToPath(new URL('dist/', root)),
  splitting: true,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  // What the README promises: browsers with WebAssembly streaming and ES2020 (?? and ?.).
  target: 'es2020',
  sourcemap: 'external',
  sourcesContent: false, // the package ships web/ itself
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

// esbuild writes nothing itself (write: false), so a fresh clone may not have dist/ yet.
await mkdir(new URL('dist/', root), { recursive: true });
const maps = new Map(bundled.outputFiles.filter((file) => file.path.endsWith('.map')).map((file) => [file.path, file.text]));
for (const file of bundled.outputFiles) {
  if (!file.path.endsWith('.js')) continue;
  const mapName = `${basename(file.path)}.map`;
  const result = await minify(file.text, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    sourceMap: { content: maps.get(`${file.path}.map`), url: mapName },
  });
  await writeFile(file.path, result.code);
  await writeFile(`${file.path}.map`, result.map);
}
