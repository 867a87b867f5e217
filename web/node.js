// Node entry: reads the .wasm with fs (fetch cannot read a file path in Node) and hands the
// compiled module to the core.
import { readFile } from 'node:fs/promises';
import { compileOnce, createLms } from './core.js';
import { nodePlatform, packageFile } from './node-platform.js';
import { readingAhead } from './i18n.js';

export { DIALECTS, LmsCatalogueError, REVISION_HEADER } from './core.js';
export { LmsError } from './retry.js';

// Node loads the tools build (emit(), codegen() and checkLocales() beside the page API): a
// server downloads nothing, and emitting envelopes is what servers do. Pages get the smaller
// dist/lms_core.wasm (web/index.js); tests/node/page-build.test.js checks both builds agree.
const wasmPath = packageFile('dist', 'lms_tools.wasm');
const compiled = compileOnce();

/**
 * Loads the WASM core once and returns the API object.
 * @param {import('./index.js').InitOptions} [options]
 */
export async function init(options = {}) {
  // The locale files and the tools' JS are read while the .wasm is read and compiled.
  const platform = readingAhead(nodePlatform, options);
  platform.loadTools().catch(() => {}); // the module system keeps it for createLms()
  const module = await compiled(() => readFile(wasmPath).then((bytes) => WebAssembly.compile(bytes)));
  return createLms(module, options, platform);
}
