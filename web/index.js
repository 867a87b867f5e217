// Browser (and bundler) entry: streams the .wasm that sits beside this package's files.
import { compileOnce, createLms } from './core.js';

export { DIALECTS, LmsCatalogueError, REVISION_HEADER } from './core.js';
export { LmsError } from './retry.js';

const compiled = new Map(); // URL -> its one compile

async function compile(url) {
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
  const key = String(url);
  if (!compiled.has(key)) compiled.set(key, compileOnce());
  const module = await compiled.get(key)(() => compile(url));
  // Locale files sit beside the package's dist/ (or where options.i18nUrl says).
  const i18nUrl = new URL(options?.i18nUrl ?? new URL('../i18n/', import.meta.url), globalThis.location?.href);
  async function readLocaleFile(locale, namespace) {
    const response = await fetch(new URL(`${locale}/${namespace}.json`, i18nUrl));
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`lms-errors: could not load ${response.url} (HTTP ${response.status})`);
    return response.text();
  }
  // The tools' JS is a file of its own in dist/, fetched only for a tools build.
  return createLms(module, options, { readLocaleFile, loadTools: () => import('./tools.js') });
}
