// What only Node can do for the core (web/core.js): read the package's locale files with fs,
// and decode UTF-8 out of WASM memory with Buffer; and load the tools' JS (Node loads the
// tools build).
import { readFile } from 'node:fs/promises';

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

export const nodePlatform = Object.freeze({ readLocaleFile, utf8Reader, loadTools: () => import('./tools.js') });
