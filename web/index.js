// Browser (and bundler) entry: streams the .wasm that sits beside this package's files.
import { compileOnce, createLms } from './core.js';
import { NAMESPACES, readingAhead } from './i18n.js';
import { SHIPPED_LOCALES } from './shipped-locales.js';

export { DIALECTS, LmsCatalogueError, REVISION_HEADER } from './core.js';
export { LmsError } from './retry.js';

const compiled = new Map(); // URL -> its one compile

async function compile(url) {
  // Test runners (Vitest, Jest with jsdom or happy-dom) run this entry in Node, whose fetch
  // cannot read the package's file: URL; Node hands its fs over without an import a bundler sees.
  const nodeFs = String(url).startsWith('file:') ? globalThis.process?.getBuiltinModule?.('node:fs/promises') : undefined;
  if (nodeFs) return WebAssembly.compile(await nodeFs.readFile(globalThis.process.getBuiltinModule('node:url').fileURLToPath(String(url))));
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // A server that sends the wrong MIME type for .wasm: fall back to bytes.
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`lms-errors: could not load ${url} (HTTP ${response.status})`);
  return WebAssembly.compile(await response.arrayBuffer());
}

// One file of a served locale folder (init({ i18nUrl })), or null when it is not there.
async function fetchLocaleFile(url) {
  const response = await fetch(url);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`lms-errors: could not load ${response.url} (HTTP ${response.status})`);
  return response.text();
}

/**
 * Loads the WASM core once and returns the API object.
 * @param {InitOptions} [options]
 */
export async function init(options = {}) {
  // init({ tools: true }): the build that adds emit(), codegen() and checkLocales() (servers,
  // mocks, tooling); pages need none of them and download the smaller core.
  const build = options?.tools === true ? 'tools' : 'core';
  const url =
    options?.wasmUrl ??
    (build === 'tools' ? new URL('../dist/lms_tools.wasm', import.meta.url) : new URL('../dist/lms_core.wasm', import.meta.url));
  // The shipped locales are modules of the bundle (en-GB in the entry itself); options.i18nUrl
  // names a served folder of <locale>/<namespace>.json that is tried first.
  const i18nUrl = options?.i18nUrl === undefined ? null : new URL(options.i18nUrl, globalThis.location?.href);
  async function readLocale(locale) {
    if (i18nUrl) {
      const texts = await Promise.all(NAMESPACES.map((namespace) => fetchLocaleFile(new URL(`${locale}/${namespace}.json`, i18nUrl))));
      if (texts.some((text) => text !== null)) return Object.fromEntries(NAMESPACES.map((namespace, k) => [namespace, texts[k]]));
    }
    return Object.hasOwn(SHIPPED_LOCALES, locale) ? SHIPPED_LOCALES[locale]() : null;
  }
  // The tools' JS is a file of its own in dist/, fetched only for a tools build. It and the
  // initial locales are fetched while the .wasm compiles.
  // Without i18nUrl only the package's own locale modules are read (packageLocales: see web/i18n.js).
  const platform = readingAhead({ readLocale, packageLocales: i18nUrl === null, loadTools: () => import('./tools.js') }, options);
  if (build === 'tools') platform.loadTools().catch(() => {}); // the module system keeps it for createLms()
  const key = String(url);
  if (!compiled.has(key)) compiled.set(key, compileOnce());
  const module = await compiled.get(key)(() => compile(url));
  return createLms(module, options, platform);
}
