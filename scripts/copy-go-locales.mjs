// The Go package carries the package's translations (go/i18n/, embedded with go:embed, which
// cannot reach ../i18n): a copy of i18n/<locale>/<namespace>.json, byte for byte. This writes
// the copy; the Go package's TestShippedLocalesMatchTheRepository (in npm test) fails while
// the copy differs.
//   node scripts/copy-go-locales.mjs
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
const root = new URL('../', import.meta.url);
const source = new URL('i18n/', root);
const copy = new URL('go/i18n/', root);

// { 'cy/common.json': bytes, ... } of a folder laid out as i18n/ is.
async function localeFiles(folder) {
  const files = {};
  const locales = await readdir(folder, { withFileTypes: true });
  for (const locale of locales.filter((entry) => entry.isDirectory())) {
    for (const name of await readdir(new URL(`${locale.name}/`, folder))) {
      if (name.endsWith('.json')) files[`${locale.name}/${name}`] = await readFile(new URL(`${locale.name}/${name}`, folder));
    }
  }
  return files;
}

const files = await localeFiles(source);
await rm(copy, { recursive: true, force: true });
for (const [path, bytes] of Object.entries(files)) {
  const target = new URL(path, copy);
  await mkdir(new URL('./', target), { recursive: true });
  await writeFile(target, bytes);
}
console.log(`go/i18n: ${Object.keys(files).length} files copied from i18n`);
