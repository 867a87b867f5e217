// Translations: argument checks and type conversion over the C++ core (wasm/src/i18n_*.cpp),
// plus loading the shipped locales, which the platform reads (fs in Node, the bundled modules of
// web/shipped-locales.js in browsers).

/** The namespaces of a locale folder: common and one per dialect. */
export const NAMESPACES = Object.freeze(['common', 'lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network']);
export const FALLBACK_LOCALE = 'en-GB';

const AUDIENCES = ['pupil', 'teacher', 'admin'];
// BCP 47-shaped: it becomes part of a file path or URL, so nothing else is accepted.
const LOCALE_PATTERN = /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkOptions(options, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${what}: options must be an object`);
  return options;
}

function field(value, what) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

// format() and details(): an error object from parse() or networkError(), or a TypeError.
function checkError(err, what) {
  if (!isPlainObject(err) || typeof err.code !== 'string' || err.code === '')
    throw new TypeError(`${what}: err must be an error object from parse() or networkError() (with a code)`);
}

/**
 * @param core the bridge to the WASM core (web/bridge.js)
 * @param platform `{ readLocale(locale) -> Promise<{namespace: string | object} | null>, packageLocales }`:
 *   the shipped (or served) i18n/<locale>/*.json, as text or objects; null when there are none.
 *   `packageLocales: true` when readLocale reads only the package's own files, which its tests
 *   check: the core then reads them when translations are first needed, not while loading.
 * @param resources init({ resources }), see below.
 */
export function i18nApi(core, platform = {}, resources = undefined) {
  const loading = new Map(); // locale -> Promise, so each locale is read once

  // The namespaces of one locale, from platform.readLocale: {namespace: JSON text or object}.
  function addLocale(locale, resources) {
    for (const namespace of NAMESPACES) {
      const text = resources[namespace];
      if (text === undefined || text === null) continue;
      if (platform.packageLocales) {
        core.addPackageResources(locale, namespace, text);
        continue;
      }
      try {
        core.addResources(locale, namespace, text, '');
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
      core.addResources(locale, namespace, value, `init({ resources }): ${locale}/${namespace}`);
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
      core.addResources(locale, namespace, resources, `addResources(${JSON.stringify(locale)}, ${JSON.stringify(namespace)})`);
    },

    /** i18next's t(key, {...params, lng: locale, ns, context}); namespace default 'common', locale 'en-GB'. */
    translate(key, params, options) {
      if (typeof key !== 'string') throw new TypeError('translate(key, params?, options?): key must be a string');
      if (params !== undefined && params !== null && !isPlainObject(params)) throw new TypeError('translate(key, params?, options?): params must be an object');
      const { locale, ns, context } = checkOptions(options, 'translate');
      return core.translate(key, params, field(locale, 'translate: options.locale'), field(ns, 'translate: options.ns'), field(context, 'translate: options.context'));
    },

    /** CLDR plural category of n in locale: numbers as Intl.PluralRules sees them, strings exactly as written. */
    pluralCategory(locale, n) {
      if (typeof locale !== 'string') throw new TypeError('pluralCategory(locale, n): locale must be a string');
      if (typeof n === 'number') {
        if (!Number.isFinite(n)) throw new TypeError(`pluralCategory(locale, n): n must be a finite number, not ${n}`);
        return core.pluralCategory(locale, n);
      }
      if (typeof n === 'string') {
        try {
          return core.pluralCategoryOfDecimal(locale, n);
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
      if (!AUDIENCES.includes(audience)) throw new TypeError(`format: options.audience must be 'pupil', 'teacher' or 'admin'`);
      checkError(err, 'format');
      return core.format(err, field(locale, 'format: options.locale'), audience, withCode);
    },

    /** One localized line per field error and per import error. */
    details(err, options) {
      const locale = field(checkOptions(options, 'details').locale, 'details: options.locale');
      checkError(err, 'details');
      return core.details(err, locale);
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
 * The platform with init()'s locale files already being read: started before the .wasm is
 * compiled, their I/O overlaps the compile instead of following it. Each read-ahead is handed
 * to the first readLocale() of its locale; options init() will refuse read nothing ahead.
 */
export function readingAhead(platform, options) {
  const { locales = [FALLBACK_LOCALE], resources = {} } = options ?? {};
  if (typeof platform.readLocale !== 'function' || !Array.isArray(locales) || locales.length === 0) return platform;
  const ahead = new Map();
  for (const locale of [FALLBACK_LOCALE, ...locales]) {
    // Locales the app gives as resources are not read from files (see i18nApi), bar the fallback.
    const given = isPlainObject(resources) && Object.hasOwn(resources, locale) && locale !== FALLBACK_LOCALE;
    if (typeof locale !== 'string' || !LOCALE_PATTERN.test(locale) || given || ahead.has(locale)) continue;
    const reading = platform.readLocale(locale);
    reading.catch(() => {}); // a failure is reported by the readLocale() that takes it
    ahead.set(locale, reading);
  }
  return {
    ...platform,
    readLocale(locale) {
      const reading = ahead.get(locale);
      if (reading === undefined) return platform.readLocale(locale);
      ahead.delete(locale);
      return reading;
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
