// The thin JS layer over the WASM core: it converts types and nothing else.
// Everything that decides anything (look-ups, validation, parsing, wording) lives in C++.
import { connect } from './bridge.js';
import { envelopeApi } from './envelope.js';
import { retryApi } from './retry.js';
import { i18nApi, loadInitialLocales } from './i18n.js';

/** The response header servers send the catalogue revision in (emit() adds it). */
export const REVISION_HEADER = 'x-lms-catalogue-revision';

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

/** The value of header `name` (lower case) in a Headers, a Map, a plain object or [name, value] pairs. */
function headerValue(headers, name) {
  if (!headers || typeof headers !== 'object') return null;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name);
  const pairs = Symbol.iterator in headers ? headers : Object.entries(headers);
  for (const pair of pairs) if (String(pair[0]).toLowerCase() === name) return String(pair[1]);
  return null;
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
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
 * (readLocale: fs in Node, the bundled locale modules in browsers; utf8Reader: see web/bridge.js; loadTools: imports
 * web/tools.js, which a core built with the tools, lms_tools.wasm, needs for emit(), codegen() and
 * checkLocales()).
 */
export async function createLms(compiledModule, options = {}, platform = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('init(options): options must be an object');
  const core = await connect(compiledModule, platform);

  // Entries found so far, frozen, by dialect + U+0000 + code: apps look up the same few codes
  // after every failed request, and an entry is data that only loadCatalogue() changes. Only
  // hits are kept, so the map is bounded by the catalogue (× the dialect argument's 8 values).
  const found = new Map();

  // Each capability adds its methods from its own module (envelope.js, retry.js, i18n.js, …).
  const lms = {
    /** The entry for (dialect, code), or for the first dialect that has `code`; null when unknown. */
    lookup(code, dialect) {
      if (typeof code !== 'string') throw new TypeError('lookup(code, dialect?): code must be a string');
      const checked = checkDialect(dialect);
      const key = `${checked}\0${code}`;
      let entry = found.get(key);
      if (entry === undefined) {
        entry = deepFreeze(core.lookup(code, checked));
        if (entry !== null) found.set(key, entry);
      }
      return entry;
    },
    /** Every catalogue entry, or those of one dialect. */
    entries(dialect) {
      return core.entries(checkDialect(dialect));
    },
    /**
     * Replaces the catalogue in force with one the server serves (same schema as
     * dist/catalogue.json). Throws LmsCatalogueError listing every problem; the old one stays.
     */
    loadCatalogue(catalogue) {
      const problems = core.loadCatalogue(catalogueText(catalogue));
      if (problems) throw new LmsCatalogueError(problems);
      found.clear();
      revision = undefined;
    },
    /** The revision (content hash) of the catalogue in force; null when its document has none. */
    get catalogueRevision() {
      return (revision ??= core.catalogueRevision() || null);
    },
    /**
     * When `headers` (a response's) carry X-Lms-Catalogue-Revision and it differs from
     * catalogueRevision, loads the catalogue from `url` (default init({ catalogueUrl })) and
     * resolves true; false when nothing needed loading. Each served revision is tried once.
     */
    async syncCatalogue(headers, url = options.catalogueUrl) {
      const served = headerValue(headers, REVISION_HEADER);
      if (!served || served === lms.catalogueRevision || tried.has(served)) return false;
      if (url === undefined) throw new TypeError('syncCatalogue(headers, url?): no url, and init() had no catalogueUrl');
      tried.add(served);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`lms-errors: the catalogue at ${url} answered ${response.status}`);
      lms.loadCatalogue(await response.text());
      return true;
    },
  };
  let revision; // catalogueRevision, read once per catalogue
  const tried = new Set(); // served revisions syncCatalogue() has loaded (or tried to)

  if (core.exports.lms_emit) {
    // The tools build: the platform loads its JS (web/tools.js) only now, so a page that never
    // asks for the tools never downloads it.
    if (!platform.loadTools) throw new Error('lms-errors: this platform cannot load the JS of the tools build');
    const { toolsApi } = await platform.loadTools();
    Object.assign(lms, toolsApi(core, checkDialect));
  } else {
    lms.emit = () => {
      throw new Error('lms-errors: emit() is in the tools build; in browsers create the instance with init({ tools: true })');
    };
  }

  Object.assign(lms, envelopeApi(core));
  // Every error response the app reads (with parse() or lms.fetch) tells whether the server's
  // catalogue changed: with init({ catalogueUrl }) it is loaded then, in the background.
  let onErrorResponse;
  if (options.catalogueUrl !== undefined) {
    onErrorResponse = (headers) =>
      lms.syncCatalogue(headers).catch((problem) => console.warn(`lms-errors: catalogue not reloaded: ${problem.message}`));
    const { parse } = lms;
    lms.parse = (response) => {
      const error = parse(response);
      onErrorResponse(response.headers);
      return error;
    };
  }
  Object.assign(lms, retryApi(core, lms, options, onErrorResponse));
  // normalize() recognises HTTP clients' shapes (fetch, ky, axios): its code is a module of its
  // own, fetched the first time an app calls it, so pages that never do download none of it.
  let normalizer;
  lms.normalize = async (failure) => {
    normalizer ??= import('./normalize.js').then(({ normalizeApi }) => normalizeApi(lms));
    return (await normalizer).normalize(failure);
  };
  Object.assign(lms, i18nApi(core, platform, options.resources));

  // Not API: what bench/package.bench.js reads to check that calls leave the WASM heap as it was
  // (the tools build has the allocator's count; pages never need it).
  if (core.exports.lms_heap_bytes_in_use) {
    Object.defineProperty(lms, Symbol.for('lms-errors.heap'), {
      value: () => ({ memoryBytes: core.exports.memory.buffer.byteLength, inUseBytes: core.exports.lms_heap_bytes_in_use() }),
    });
  }

  if (options.catalogue !== undefined) lms.loadCatalogue(options.catalogue);
  await loadInitialLocales(lms, options.locales);
  return Object.freeze(lms);
}
