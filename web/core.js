// The thin JS layer over the WASM core: it converts types and nothing else.
// Everything that decides anything (look-ups, validation, parsing, wording) lives in C++.
import createLmsCore from '../dist/lms_core.mjs';
import { envelopeApi } from './envelope.js';
import { retryApi } from './retry.js';
import { i18nApi, loadInitialLocales } from './i18n.js';

export const DIALECTS = Object.freeze(['lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network']);

/** Thrown by init()/loadCatalogue() when a catalogue document is invalid. */
export class LmsCatalogueError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LmsCatalogueError';
  }
}

function checkDialect(dialect) {
  if (dialect === undefined || dialect === null) return '';
  if (typeof dialect !== 'string' || !DIALECTS.includes(dialect)) {
    throw new TypeError(`unknown dialect ${JSON.stringify(dialect)}; expected one of ${DIALECTS.join(', ')}`);
  }
  return dialect;
}

function catalogueText(catalogue) {
  if (typeof catalogue === 'string') return catalogue;
  if (catalogue && typeof catalogue === 'object') return JSON.stringify(catalogue);
  throw new TypeError('catalogue must be a catalogue object or its JSON text');
}

/**
 * Memoizes the one compile of the .wasm per process or page (how the bytes arrive differs
 * between Node and browsers); a failed compile is forgotten so a later init() can try again.
 */
export function compileOnce() {
  let pending;
  return (compile) =>
    (pending ??= compile().catch((error) => {
      pending = undefined;
      throw error;
    }));
}

/**
 * Instantiates the compiled core (each call its own instance, so its own catalogue and
 * translations) and returns the public API object. `platform` holds what only the host can do
 * (readLocaleFile: fs in Node, fetch in browsers).
 */
export async function createLms(compiledModule, options = {}, platform = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('init(options): options must be an object');
  let instantiationFailed;
  const failure = new Promise((_, reject) => (instantiationFailed = reject));
  const core = await Promise.race([
    createLmsCore({
      // Emscripten's own loader would fetch the file itself; hand it the compiled module instead.
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(compiledModule, imports).then((instance) => done(instance), instantiationFailed);
        return {};
      },
      // The core never prints in normal operation; keep stray output off the page's console.
      print: () => {},
      printErr: () => {},
    }),
    failure,
  ]);

  // Each capability adds its methods from its own module (envelope.js, retry.js, i18n.js, …).
  const lms = {
    /** The entry for (dialect, code), or for the first dialect that has `code`; null when unknown. */
    lookup(code, dialect) {
      if (typeof code !== 'string') throw new TypeError('lookup(code, dialect?): code must be a string');
      return JSON.parse(core.lookup(code, checkDialect(dialect)));
    },
    /** Every catalogue entry, or those of one dialect. */
    entries(dialect) {
      return JSON.parse(core.entries(checkDialect(dialect)));
    },
    /**
     * Replaces the catalogue in force with one the server serves (same schema as
     * dist/catalogue.json). Throws LmsCatalogueError listing every problem; the old one stays.
     */
    /**
     * Source code generated from the catalogue in force: a TypeScript error-code module
     * (lang 'ts') or a Go apperrors table (lang 'go'). Throws on an unknown language/dialect.
     */
    codegen(lang, { dialect, goPackage } = {}) {
      const result = JSON.parse(core.codegen(String(lang), checkDialect(dialect), goPackage ?? ''));
      if (result.error) throw new RangeError(result.error);
      return result.text;
    },
    loadCatalogue(catalogue) {
      const problems = core.loadCatalogue(catalogueText(catalogue));
      if (problems) throw new LmsCatalogueError(problems);
    },
  };

  Object.assign(lms, envelopeApi(core));
  Object.assign(lms, retryApi(core, lms, options));
  Object.assign(lms, i18nApi(core, platform));

  // Not API: what bench/package.bench.js reads to check that calls leave the WASM heap as it was.
  Object.defineProperty(lms, Symbol.for('lms-errors.heap'), { value: () => ({ memoryBytes: core.HEAPU8.byteLength, inUseBytes: core.heapBytesInUse() }) });

  if (options.catalogue !== undefined) lms.loadCatalogue(options.catalogue);
  await loadInitialLocales(lms, options.locales);
  return Object.freeze(lms);
}
