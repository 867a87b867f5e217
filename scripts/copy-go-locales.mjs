// The Go package carries the package's translations (go/i18n/, embedded with go:embed, which
// cannot reach ../i18n): a copy of i18n/<locale>/<namespace>.json, byte for byte. This writes
// the copy; --check (npm test's drift step) exits 1 naming every file that differs instead.
//   node scripts/copy-go-locales.mjs [--check]
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const root = new URL('../', import.meta.url);
const source = new URL('i18n/', root);
const copy = new URL('go/i18n/', root);

// { 'cy/common.json': bytes, ... } of a folder laid out as i18n/ is; {} when it is absent.
async function localeFiles(folder) {
  const files = {};
  let locales;
  try {
    locales = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return files;
    throw error;
  }
  for (const locale of locales.filter((entry) => entry.isDirectory())) {
    for (const name of await readdir(new URL(`${locale.name}/`, folder))) {
      if (name.endsWith('.json')) files[`${locale.name}/${name}`] = await readFile(new URL(`${locale.name}/${name}`, folder));
    }
  }
  return files;
}

const wanted = await localeFiles(source);
const present = await localeFiles(copy);
const differing = [...new Set([...Object.keys(wanted), ...Object.keys(present)])]
  .filter((path) => !(path in wanted && path in present && wanted[path].equals(present[path])))
  .sort();

if (values.check) {
  if (differing.length > 0) {
    console.error(`go/i18n differs from i18n in: ${differing.join(', ')}\nrun: node scripts/copy-go-locales.mjs`);
    process.exit(1);
  }
  console.log(`go/i18n matches i18n (${Object.keys(wanted).length} files)`);
} else {
  await rm(copy, { recursive: true, force: true });
  for (const [path, bytes] of Object.entries(wanted)) {
    const target = new URL(path, copy);
    await mkdir(new URL('./', target), { recursive: true });
    await writeFile(target, bytes);
  }
  console.log(`go/i18n: ${Object.keys(wanted).length} files copied from i18n (${differing.length} changed)`);
}
