// Translations: argument checks and type conversion over the C++ core (wasm/src/i18n_*.cpp),
// plus loading the shipped locales, which the platform reads (fs in Node, the bundled modules of
// web/shipped-locales.js in browsers).

/** The namespaces of a locale folder: common and one per dialect. */
export const NAMESPACES = Object.freeze(['common', 'lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network']);
export const FALLBACK_LOCALE = 'en-GB';

const AUDIENCES = { pupil: 0, teacher: 1, admin: 2 }; // the names are what crosses
// BCP 47-shaped: it becomes part of a file path or URL, so nothing else is accepted.
const LOCALE_PATTERN = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// i18next: a count that is not a string selects the plural form, by Number(count); a count of
// exactly 0 also tries key_zero. The mode for the core: 0 no count, 1 count, 2 zero.
function countMode(params) {
  const count = params ? params.count : undefined;
  return count === undefined || typeof count === 'string' ? 0 : count === 0 ? 2 : 1;
}

function checkOptions(options, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${what}: options must be an object`);
  return options;
}

// Lone surrogates become U+FFFD, as TextEncoder makes them (for JSON text, see toJson).
const wellFormed = typeof ''.toWellFormed === 'function'
  ? (text) => (text.isWellFormed() ? text : text.toWellFormed())
  : (text) => (/[\ud800-\udfff]/.test(text) ? text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') : text);

// Params cross in one string with the key and options. Primitive values go as text made by JS
// itself (String(value), which is i18next's makeString; null and undefined as ""), so the core
// parses nothing; params holding objects or arrays ({{a.b}}) go as JSON.
function paramsText(params) {
  let flat = 'f';
  for (const name of Object.keys(params)) {
    const value = params[name];
    const type = typeof value;
    const text = type === 'string' ? value : type === 'number' || type === 'boolean' ? String(value) : value == null ? '' : null;
    if (text === null || name.includes('\0') || text.includes('\0')) return `j${jsonParams(params)}`;
    flat += `${name}\0${text}\0`;
  }
  return flat;
}

// JSON for the core. JSON.stringify writes a lone surrogate as "\udXXX", which the core's
// parser refuses: only then (rarely) the strings are made well-formed first.
function toJson(value, replace) {
  const text = JSON.stringify(value, replace);
  if (!text.includes('\\ud')) return text;
  return JSON.stringify(value, function wellFormedStrings(key, item) {
    const replaced = replace ? replace.call(this, key, item) : item;
    return typeof replaced === 'string' ? wellFormed(replaced) : replaced;
  });
}

// i18next treats an own property whose value is undefined as an empty value; JSON would drop
// it (leaving the placeholder), so it crosses as null, which i18next also prints as "".
function jsonParams(params) {
  for (const name in params) {
    if (params[name] === undefined) {
      return toJson(params, function replace(key, value) {
        return value === undefined && this === params ? null : value;
      });
    }
  }
  return toJson(params);
}

function field(value, what) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (value.includes('\0')) throw new TypeError(`${what} must not contain U+0000`);
  return value;
}

// details() input as bindings/i18n_bindings.cpp (details_packed, PackedReader) reads it: numbers and texts,
// each a decimal and ':' — for a text its .length (-1: absent), then the text. With the
// leniency of error_from_json: wrong-typed members are ignored. Field params holding an
// object cross as JSON.
function packDetails(err, locale) {
  const text = (value) => (typeof value === 'string' ? `${value.length}:${value}` : '-1:');
  // A count, then each item packed; not an array counts as empty.
  const list = (items, pack, keep) => {
    const kept = !Array.isArray(items) ? [] : keep ? items.filter(keep) : Array.from(items);
    return `${kept.length}:${kept.map(pack).join('')}`;
  };
  return text(locale) + list(err.fieldErrors, (item) => {
    const params = isPlainObject(item.params) ? item.params : {};
    let pairs = '';
    let count = 0;
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue; // JSON drops it
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        pairs = text(toJson(params));
        count = -1;
        break;
      }
      pairs += text(name) + text(String(value ?? ''));
      count++;
    }
    return `${text(item.field)}${text(item.rule)}${text(item.message)}${count}:${pairs}`;
  }, isPlainObject) + list(err.importErrors, (item) => text(item.code) + text(item.column)
    // Rows as error_from_json keeps them: pairs of integers (JSON writes 1e21 and up as floats).
    + list(item.rows, ([start, end]) => `${start}:${end}:`, (row) => Array.isArray(row) && row.length === 2 && row.every((n) => Number.isInteger(n) && Math.abs(n) < 1e21))
    + (Array.isArray(item.params) ? list(item.params, (name) => text(String(name ?? ''))) : '-1:')
    + list(item.allowedValues, text, (value) => typeof value === 'string'), isPlainObject);
}

// A text from the server inside a packed call: U+0000 separates the fields, so it becomes U+FFFD.
const serverText = (text) => (text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text);

// format() and details(): an error object from parse() or networkError(), or a TypeError.
function checkError(err, what) {
  if (!isPlainObject(err) || typeof err.code !== 'string' || err.code === '')
    throw new TypeError(`${what}: err must be an error object from parse() or networkError() (with a code)`);
}

/**
 * @param core the bridge to the WASM core (web/bridge.js)
 * @param platform `{ readLocale(locale) -> Promise<{namespace: string | object} | null> }`: the
 *   shipped (or served) i18n/<locale>/*.json, as text or objects; null when there are none.
 * @param resources init({ resources }), see below.
 */
export function i18nApi(core, platform = {}, resources = undefined) {
  const loading = new Map(); // locale -> Promise, so each locale is read once

  // translate(), format() and details() cross packed in one text (see paramsText, packDetails).
  const PACKED_CALLS = ['lms_translate', 'lms_format', 'lms_details'];
  function callCore(kind, packed, count, countMode) {
    return core.call1(PACKED_CALLS[kind], packed, count, countMode, '');
  }

  // The namespaces of one locale, from platform.readLocale: {namespace: JSON text or object}.
  function addLocale(locale, resources) {
    for (const namespace of NAMESPACES) {
      const text = resources[namespace];
      if (text === undefined || text === null) continue;
      try {
        core.call('lms_add_resources', [locale, namespace, typeof text === 'string' ? text : toJson(text)]);
      } catch (error) {
        throw new Error(`lms-errors: i18n/${locale}/${namespace}.json: ${error.message}`);
      }
    }
  }

  // Each locale is read once; a failed read may be tried again.
  function load(locale) {
    if (!loading.has(locale)) {
      const promise = readLocale(locale);
      promise.catch(() => loading.delete(locale));
      loading.set(locale, promise);
    }
    return loading.get(locale);
  }

  // Resolves to the locale whose translations are now in: the locale itself, else its language
  // ('cy-GB' -> 'cy'; translate() falls back the same way), else the fallback, with a warning.
  async function readLocale(locale) {
    if (typeof platform.readLocale !== 'function') throw new Error('lms-errors: this build cannot read locale files');
    const resources = await platform.readLocale(locale);
    if (resources) {
      addLocale(locale, resources);
      return locale;
    }
    if (locale === FALLBACK_LOCALE) throw new Error(`lms-errors: no translations for locale "${locale}"`);
    const language = locale.split(/[-_]/)[0];
    if (language === FALLBACK_LOCALE.split('-')[0]) return FALLBACK_LOCALE;
    if (language !== locale) return load(language);
    console.warn(`lms-errors: no translations for locale "${locale}"; using ${FALLBACK_LOCALE}`);
    return FALLBACK_LOCALE;
  }

  // init({ resources }): {locale: {namespace: object or JSON text}}, pre-imported by the app
  // (e.g. from 'lms-errors/i18n/cy/common.json'). Those locales are not read from files; the
  // fallback's shipped files are, with the given ones merged over them.
  const given = resources ?? {};
  const where = (path) => `init(options): options.resources${path} must be an object of`;
  if (!isPlainObject(given)) throw new TypeError(`${where('')} {locale: {namespace: resources}}`);
  for (const [locale, namespaces] of Object.entries(given)) {
    if (!LOCALE_PATTERN.test(locale) || !isPlainObject(namespaces)) throw new TypeError(`${where(`[${JSON.stringify(locale)}]`)} {namespace: resources}, under a locale such as 'cy'`);
    for (const [namespace, value] of Object.entries(namespaces))
      if (typeof value !== 'string' && !isPlainObject(value)) throw new TypeError(`${where(`.${locale}.${namespace}`)} {key: template} strings or its JSON text`);
  }
  function addGiven(locale) {
    for (const [namespace, value] of Object.entries(given[locale] ?? {})) {
      core.call('lms_add_resources', [locale, namespace, typeof value === 'string' ? value : toJson(value)], [], `init({ resources }): ${locale}/${namespace}`);
    }
  }
  for (const locale of Object.keys(given)) {
    if (locale === FALLBACK_LOCALE) continue;
    addGiven(locale);
    loading.set(locale, Promise.resolve(locale));
  }
  if (Object.hasOwn(given, FALLBACK_LOCALE)) {
    const shipped = load(FALLBACK_LOCALE);
    loading.set(FALLBACK_LOCALE, shipped.then(() => (addGiven(FALLBACK_LOCALE), FALLBACK_LOCALE)));
  }

  return {
    /** Merges a flat {key: template} object into (locale, namespace), like i18next's addResources. */
    addResources(locale, namespace, resources) {
      if (typeof locale !== 'string' || locale === '') throw new TypeError('addResources(locale, namespace, resources): locale must be a non-empty string');
      if (typeof namespace !== 'string' || namespace === '') throw new TypeError('addResources(locale, namespace, resources): namespace must be a non-empty string');
      if (!isPlainObject(resources)) throw new TypeError('addResources(locale, namespace, resources): resources must be an object of {key: template} strings');
      core.call('lms_add_resources', [locale, namespace, toJson(resources)], [], `addResources(${JSON.stringify(locale)}, ${JSON.stringify(namespace)})`);
    },

    /** i18next's t(key, {...params, lng: locale, ns, context}); namespace default 'common', locale 'en-GB'. */
    translate(key, params, options) {
      if (typeof key !== 'string') throw new TypeError('translate(key, params?, options?): key must be a string');
      if (params !== undefined && params !== null && !isPlainObject(params)) throw new TypeError('translate(key, params?, options?): params must be an object');
      const { locale, ns, context } = checkOptions(options, 'translate');
      const mode = countMode(params);
      const packed = `${field(key, 'translate: key')}\0${field(locale, 'translate: options.locale')}\0${field(ns, 'translate: options.ns')}\0${field(context, 'translate: options.context')}\0${params ? paramsText(params) : ''}`;
      return callCore(0, packed, mode ? Number(params.count) : 0, mode);
    },

    /** CLDR plural category of n in locale: numbers as Intl.PluralRules sees them, strings exactly as written. */
    pluralCategory(locale, n) {
      if (typeof locale !== 'string') throw new TypeError('pluralCategory(locale, n): locale must be a string');
      if (typeof n === 'number') {
        if (!Number.isFinite(n)) throw new TypeError(`pluralCategory(locale, n): n must be a finite number, not ${n}`);
        return core.call('lms_plural_of_number', [locale], [n]);
      }
      if (typeof n === 'string') {
        try {
          return core.call('lms_plural_of_decimal', [locale, n]);
        } catch {
          throw new TypeError(`pluralCategory(locale, n): ${JSON.stringify(n)} is not a decimal number like "1", "1.0" or "1.5c6"`);
        }
      }
      throw new TypeError('pluralCategory(locale, n): n must be a number or a numeric string');
    },

    /** One UI line: the localized message + ' [CODE]' (withCode: false, the message only). Plain text: show it as text, not HTML. */
    format(err, options) {
      const { locale, audience = 'teacher', withCode = true } = checkOptions(options, 'format');
      if (typeof withCode !== 'boolean') throw new TypeError('format: options.withCode must be a boolean');
      if (typeof audience !== 'string' || !Object.hasOwn(AUDIENCES, audience)) throw new TypeError(`format: options.audience must be 'pupil', 'teacher' or 'admin'`);
      checkError(err, 'format');
      // Only what format() reads crosses, like translate(): no JSON for the usual flat params.
      const params = isPlainObject(err.params) ? err.params : null;
      const mode = countMode(params);
      const status = Number.isInteger(err.status) && err.status > 0 && err.status < 1000 ? err.status : 0;
      // A server's code may hold U+0000 (parse() keeps what it sent); it would end the packed
      // field, so it crosses as U+FFFD, as a U+0000 in a param value does.
      const packed = `${serverText(typeof err.dialect === 'string' ? err.dialect : 'http')}\0${serverText(err.code)}\0${status}\0${typeof err.message === 'string' ? err.message.replaceAll('\0', '') : ''}\0${field(locale, 'format: options.locale')}\0${audience}\0${withCode ? 1 : 0}\0${typeof err.serverCode === 'string' ? serverText(err.serverCode) : ''}\0${params ? paramsText(params) : ''}`;
      return callCore(1, packed, mode ? Number(params.count) : 0, mode);
    },

    /** One localized line per field error and per import error. */
    details(err, options) {
      const locale = field(checkOptions(options, 'details').locale, 'details: options.locale');
      checkError(err, 'details');
      return JSON.parse(callCore(2, packDetails(err, locale), 0, 0));
    },

    /**
     * Loads the package's translations for a locale (and, once, the fallback en-GB). Resolves
     * to the locale now in: the locale, its language, or en-GB with a console warning when the
     * package has none for it.
     */
    loadLocale(locale) {
      if (typeof locale !== 'string' || !LOCALE_PATTERN.test(locale)) return Promise.reject(new TypeError(`loadLocale(locale): ${JSON.stringify(locale)} is not a locale such as 'cy' or 'en-GB'`));
      const wanted = locale === FALLBACK_LOCALE ? [locale] : [FALLBACK_LOCALE, locale];
      return Promise.all(wanted.map(load)).then((loaded) => loaded.at(-1));
    },
  };
}

/**
 * init({ locales }): those locales with en-GB, and en-GB when none are asked for; an empty list
 * loads none (an instance for the app's own resources, or a test's).
 */
export async function loadInitialLocales(lms, locales = [FALLBACK_LOCALE]) {
  if (!Array.isArray(locales) || locales.some((locale) => typeof locale !== 'string')) throw new TypeError('init(options): options.locales must be an array of locale strings');
  await Promise.all(locales.map((locale) => lms.loadLocale(locale)));
}
