// Node entry: reads the .wasm with fs and hands the bytes to the core, because Emscripten
// 3.1.6's own loader cannot fetch a file path in Node >= 18.
import { readFile } from 'node:fs/promises';
import { compileOnce, createLms } from './core.js';

export { DIALECTS, LmsCatalogueError } from './core.js';
export { LmsError } from './retry.js';

const wasmUrl = new URL('../dist/lms_core.wasm', import.meta.url);
const i18nUrl = new URL('../i18n/', import.meta.url);

// The package's i18n/<locale>/<namespace>.json, or null when it does not ship that file.
async function readLocaleFile(locale, namespace) {
  try {
    return await readFile(new URL(`${locale}/${namespace}.json`, i18nUrl), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

const compiled = compileOnce();

/**
 * Loads the WASM core once and returns the API object.
 * @param {import('./index.js').InitOptions} [options]
 */
export async function init(options = {}) {
  const module = await compiled(() => readFile(wasmUrl).then((bytes) => WebAssembly.compile(bytes)));
  return createLms(module, options, { readLocaleFile });
}
