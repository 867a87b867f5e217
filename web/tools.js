// What only the tools build (dist/lms_tools.wasm) can do: emit() envelopes, codegen() and the
// locale lint. web/core.js imports it, through the platform's loadTools(), only for a tools
// build (Node's init(), browsers' init({ tools: true })), so a page that never emits downloads
// neither this JS nor the writers in the .wasm. Self-contained on purpose (it imports only
// bridge-tools.js, the bridge's tools-only part): the browser bundle then splits both off as one
// file instead of moving shared code into a third one.

import { emitter } from './bridge-tools.js';

/**
 * Whether emit()'s `options` hold nothing but a string path and the clock (a timestamp given as
 * a Date or epoch ms, `clock`): a server's most common call, which then sends no options JSON.
 */
function pathAndClockOnly(options, clock) {
  for (const key in options) {
    const value = options[key];
    if (value === undefined || !Object.hasOwn(options, key)) continue; // JSON.stringify leaves them out
    if (key === 'path' ? typeof value !== 'string' : key !== 'timestamp' || !clock) return false;
  }
  return true;
}

/**
 * The tools' methods over the bridge to a tools-build core (web/bridge.js). `checkDialect` is
 * core.js's argument check (dialect name or '' for any).
 */
export function toolsApi(core, checkDialect) {
  const emitResponse = emitter(core);
  return {
    /**
     * What a server of `dialect` sends for catalogue entry `code`: { status, headers, body }.
     * `HTTP_<status>` (400–599) is every convention's fallback. Throws RangeError for an unknown
     * (dialect, code), TypeError for bad arguments.
     */
    emit(dialect, code, params, options) {
      if (typeof dialect !== 'string') throw new TypeError('emit(dialect, code, params?, options?): dialect must be a string');
      if (typeof code !== 'string') throw new TypeError('emit(dialect, code, params?, options?): code must be a string');
      if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
        throw new TypeError('emit(): params must be a plain object');
      }
      // The time crosses as a number and the path as a text of their own; the other options as
      // JSON ("" when there are none), the params as the bridge writes them.
      let now;
      let path = '';
      let optionsJson = '';
      if (options === undefined || options === null) {
        now = Date.now();
      } else {
        if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError('emit(): options must be an object');
        const { timestamp } = options;
        const clock = timestamp instanceof Date || typeof timestamp === 'number';
        if (clock) {
          now = timestamp instanceof Date ? timestamp.getTime() : timestamp;
          if (!Number.isFinite(now)) throw new RangeError('emit(): options.timestamp is not a valid date');
          now = Math.trunc(now);
        } else if (typeof timestamp === 'string' || timestamp === undefined) {
          now = Date.now();
        } else {
          throw new TypeError('emit(): options.timestamp must be an ISO 8601 string, a Date or epoch milliseconds');
        }
        if (pathAndClockOnly(options, clock)) {
          path = options.path ?? '';
        } else {
          optionsJson = JSON.stringify(clock ? { ...options, timestamp: undefined } : options);
          if (optionsJson === '{}') optionsJson = '';
        }
      }
      return emitResponse(dialect, code, params ?? null, path, optionsJson, now);
    },

    /**
     * Source code generated from the catalogue in force: a TypeScript error-code module
     * (lang 'ts'), a Go apperrors table (lang 'go') or the package's code unions (lang 'dts',
     * web/codes.d.ts). Throws on an unknown language/dialect.
     */
    codegen: (lang, { dialect, goPackage } = {}) =>
      core.call('lms_codegen', 'codegen()', String(lang), checkDialect(dialect), goPackage ?? ''),

    /** Problems between the loaded locales and the catalogue in force ([] when consistent). */
    checkLocales: () => JSON.parse(core.call('lms_check_locales', 'checkLocales()')),
  };
}
