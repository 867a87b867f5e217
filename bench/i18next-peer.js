// The i18next side of the package and init() benchmarks: the shipped locale files as i18next
// resources, and an i18next instance configured the way lms-errors reads them.
import { readdir, readFile } from 'node:fs/promises';
import i18next from 'i18next';

const root = new URL('../', import.meta.url);

/** i18n/<locale>/<namespace>.json of the given locales, as i18next resources. */
export async function readResources(locales) {
  const resources = {};
  for (const locale of locales) {
    const folder = new URL(`i18n/${locale}/`, root);
    resources[locale] = {};
    for (const name of (await readdir(folder)).filter((file) => file.endsWith('.json')).sort())
      resources[locale][name.slice(0, -5)] = JSON.parse(await readFile(new URL(name, folder), 'utf8'));
  }
  return resources;
}

export async function createI18next(resources, interpolation) {
  const instance = i18next.createInstance();
  await instance.init({
    resources, lng: 'en-GB', fallbackLng: 'en-GB', keySeparator: false, ns: Object.keys(resources['en-GB']),
    defaultNS: 'common', initAsync: false, showSupportNotice: false, ...(interpolation && { interpolation }),
  });
  return instance;
}
