// Node entry: reads the .wasm with fs (fetch cannot read a file path in Node) and hands the
// compiled module to the core.
import { readFile } from 'node:fs/promises';
import { compileOnce, createLms } from './core.js';

export { DIALECTS, LmsCatalogueError } from './core.js';
export { LmsError } from './retry.js';

// init() loads the core; init({ tools: true }) the build that adds codegen() and checkLocales().
const wasmUrls = {
  core: new URL('../dist/lms_core.wasm', import.meta.url),
  tools: new URL('../dist/lms_tools.wasm', import.meta.url),
};
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

// Node's Buffer decodes UTF-8 out of WASM memory about twice as fast as TextDecoder.
function utf8Reader(arrayBuffer) {
  const memory = Buffer.from(arrayBuffer);
  return (start, end) => memory.utf8Slice(start, end);
}

const compiled = { core: compileOnce(), tools: compileOnce() };

/**
 * Loads the WASM core once and returns the API object.
 * @param {import('./index.js').InitOptions} [options]
 */
export async function init(options = {}) {
  const build = options?.tools === true ? 'tools' : 'core';
  const module = await compiled[build](() => readFile(wasmUrls[build]).then((bytes) => WebAssembly.compile(bytes)));
  return createLms(module, options, { readLocaleFile, utf8Reader });
}
