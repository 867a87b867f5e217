// What only Node can do for the core (web/core.js): read the package's locale files with fs,
// and decode UTF-8 out of WASM memory with Buffer; and load the tools' JS (Node loads the
// tools build).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAMESPACES } from './i18n.js';

/**
 * A file of the package as a path. Not new URL('…', import.meta.url): server bundlers (webpack
 * and Turbopack in Next.js) make that an asset reference of their own, and a URL object of the
 * server's is not one fs accepts; a path string from the module's own location is.
 */
export function packageFile(...parts) {
  return join(fileURLToPath(`${import.meta.url}`), '..', '..', ...parts);
}

// The package's i18n/<locale>/<namespace>.json, or null when it does not ship that file.
async function readLocaleFile(locale, namespace) {
  try {
    return await readFile(packageFile('i18n', locale, `${namespace}.json`), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

// Every namespace of a shipped locale as text, or null when the package has none of them.
async function readLocale(locale) {
  const texts = await Promise.all(NAMESPACES.map((namespace) => readLocaleFile(locale, namespace)));
  return texts.some((text) => text !== null) ? Object.fromEntries(NAMESPACES.map((namespace, k) => [namespace, texts[k]])) : null;
}

// Node's Buffer decodes UTF-8 out of WASM memory about twice as fast as TextDecoder.
function utf8Reader(arrayBuffer) {
  const memory = Buffer.from(arrayBuffer);
  return (start, end) => memory.utf8Slice(start, end);
}

// readLocale reads only the package's i18n/ files (packageLocales: see web/i18n.js).
export const nodePlatform = Object.freeze({ readLocale, packageLocales: true, utf8Reader, loadTools: () => import('./tools.js') });
