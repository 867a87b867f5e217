// Helpers shared by the translation suites.
import { readdir } from 'node:fs/promises';

/** The locale folders of i18n/ that hold JSON files (none until the translations land). */
export async function shippedLocales() {
  const root = new URL('../../i18n/', import.meta.url);
  const locales = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const files = (await readdir(new URL(`${entry.name}/`, root))).filter((name) => name.endsWith('.json'));
    if (files.length) locales.push(entry.name);
  }
  return locales.sort();
}
