// dist/lms-errors.js: the browser entry (web/index.js and the modules it imports) as one minified
// ES module, which package.json's exports hand to browsers and bundlers. A page without a
// bundler then downloads one file (with en-GB inside) instead of the readable modules; the
// readable sources stay in web/ (Node runs them as they are) with a source map pointing there.
// esbuild bundles; terser then compresses its output once more (what esbuild's single-pass
// minifier leaves), keeping the source map chain back to web/.
//   node scripts/bundle-web.mjs
import { build } from 'esbuild';
import { minify } from 'terser';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const shippedLocales = (await readdir(new URL('web/locales/', root))).map((name) => name.replace(/\.js$/, ''));
// The locale files' "$meta" (who translated, review notes) is for translators; the core ignores
// it, so pages do not download it.
const localesWithoutMeta = {
  name: 'locales-without-meta',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]i18n[\\/][^\\/]+[\\/][^\\/]+\.json$/ }, async ({ path }) => {
      const { $meta, ...resources } = JSON.parse(await readFile(path, 'utf8'));
      return { contents: JSON.stringify(resources), loader: 'json' };
    });
  },
};

const bundled = await build({
  // web/tools.js (emit, codegen, the lint: init({ tools: true }) only) is imported dynamically,
  // so it becomes a file of its own, dist/lms-errors-tools.js, fetched only by pages that ask.
  entryPoints: [
    { in: fileURLToPath(new URL('web/index.js', root)), out: 'lms-errors' },
    { in: fileURLToPath(new URL('web/tools.js', root)), out: 'lms-errors-tools' },
    // lms.normalize()'s recognisers (fetch, ky, axios failures), imported on its first call.
    { in: fileURLToPath(new URL('web/normalize.js', root)), out: 'lms-errors-normalize' },
    // The shipped locales other than en-GB, one file each, which web/shipped-locales.js loads with
    // import() of a literal path that every bundler follows. en-GB, imported statically, is inside
    // the entry: one file gzips smaller than the entry and en-GB beside it, and is one request.
    ...shippedLocales.filter((locale) => locale !== 'en-GB').map((locale) => ({ in: fileURLToPath(new URL(`web/locales/${locale}.js`, root)), out: `i18n/${locale}` })),
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
  plugins: [localesWithoutMeta],
});

// esbuild writes nothing itself (write: false), so a fresh clone may not have dist/ yet.
await mkdir(new URL('dist/', root), { recursive: true });
const maps = new Map(bundled.outputFiles.filter((file) => file.path.endsWith('.map')).map((file) => [file.path, file.text]));
for (const file of bundled.outputFiles) {
  if (!file.path.endsWith('.js')) continue;
  await mkdir(dirname(file.path), { recursive: true });
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

// dist/lms-errors.cjs: the Node entry (web/node.js) for require() — CommonJS apps and Jest's
// default CommonJS mode, which cannot load an ES module. It reads the same dist/ and i18n/ files.
await build({
  entryPoints: [fileURLToPath(new URL('web/node.js', root))],
  outfile: fileURLToPath(new URL('dist/lms-errors.cjs', root)),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  define: { 'import.meta.url': 'moduleUrl' },
  banner: { js: "const moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'warning',
});
