// Types for the lms-errors package. Later capabilities extend the Lms interface.

/** The error conventions the catalogue describes. */
export type Dialect = 'lms' | 'wrapped' | 'nestjs' | 'okflag' | 'problem' | 'http' | 'network';
/** How an error may be retried automatically. */
export type RetryClass = 'transient' | 'throttle' | 'never';
/** What the user (or the app) should do about an error. */
export type Action = 'retry' | 'wait' | 'refresh' | 'login' | 'reload' | 'fix' | 'contact' | 'none';

/** One catalogue row. A plain object: nothing to free. */
export interface CatalogueEntry {
  dialect: Dialect;
  code: string;
  /** HTTP status; 0 for network failures. */
  status: number;
  /** The server's own message; may hold `{placeholders}` (okflag templates, nestjs messages). */
  message: string;
  cause: string;
  resolution: string;
  params: string[];
  optionalParams: string[];
  retry: RetryClass;
  action: Action;
}

/** A catalogue document, as served from `lms-errors/catalogue.json`. */
export interface CatalogueDocument {
  version: 1;
  dialects: Array<{
    dialect: Dialect;
    title?: string;
    source?: string;
    entries: Array<Omit<CatalogueEntry, 'dialect'> & { group?: string; note?: string }>;
    rateLimits?: Array<{ tier: string; limit: number; windowSeconds: number; appliesTo?: string }>;
    setupReasons?: Array<{ reason: string; when: string; exampleFields?: string[] }>;
    importCodes?: Array<{ code: string; description: string }>;
    validationRules?: Array<{ rule: string; params?: string[]; message: string }>;
  }>;
}

export interface InitOptions {
  /** Replace the embedded catalogue with the server's (object or JSON text). Invalid: init() rejects. */
  catalogue?: CatalogueDocument | string;
  /** Browsers: where to fetch the .wasm from (default: beside the package's dist/ files). */
  wasmUrl?: string | URL;
  /** Locales whose shipped files (i18n/<locale>/*.json) init() loads, with en-GB; see Lms.loadLocale. */
  locales?: string[];
  /** Browsers: the folder holding <locale>/<namespace>.json, ending with "/" (default: the package's i18n/). */
  i18nUrl?: string | URL;
}

/** CLDR plural categories. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** Who reads a line from format(). */
export type Audience = 'pupil' | 'teacher' | 'admin';
/** A namespace of the locale files: one per dialect, plus common. */
export type Namespace = Dialect | 'common';

/** Interpolation values for translate(): {{name}}, {{a.b}}, and `count` for plural forms. */
export type TranslateParams = Record<string, unknown>;

export interface TranslateOptions {
  /** BCP 47 tag; falls back to its language, then en-GB. Default 'en-GB'. */
  locale?: string;
  /** Default 'common'. */
  ns?: Namespace | (string & {});
  /** i18next context: 'pupil' tries key_pupil before key. */
  context?: string;
}

/** The fields of a normalized error (from parse() or networkError()) that format() and details() read. */
export interface FormattableError {
  code: string;
  dialect?: Dialect;
  status?: number;
  message?: string;
  params?: Record<string, unknown>;
  fieldErrors?: Array<{ field: string; rule?: string; message?: string; params?: Record<string, unknown> }>;
  importErrors?: Array<{ code: string; column?: string; rows: Array<[number, number]>; params?: unknown; allowedValues?: string[] }>;
}

export interface Lms {
  /** The entry for (dialect, code), or for the first dialect that has the code; null when unknown. */
  lookup(code: string, dialect?: Dialect): CatalogueEntry | null;
  /** Every catalogue entry, or those of one dialect. */
  entries(dialect?: Dialect): CatalogueEntry[];
  /** Replace the catalogue in force; throws LmsCatalogueError (and keeps the old one) when invalid. */
  loadCatalogue(catalogue: CatalogueDocument | string): void;

  /** Merge a flat {key: template} object into (locale, namespace), like i18next's addResources ("$meta" ignored). */
  addResources(locale: string, namespace: Namespace | (string & {}), resources: Record<string, string | object>): void;
  /**
   * i18next's t(key, {...params, lng, ns, context}) with keySeparator false: {{values}} HTML-escaped,
   * {{- raw}}, $t() nesting, plural forms by params.count (CLDR), context, fallback to en-GB.
   * A key no locale has comes back as the key.
   */
  translate(key: string, params?: TranslateParams | null, options?: TranslateOptions): string;
  /** CLDR cardinal category: numbers as Intl.PluralRules sees them, strings exactly as written ('1.0' -> 'other' in English). */
  pluralCategory(locale: string, n: number | string): PluralCategory;
  /** One plain-text UI line: the localized message + ' [CODE]' (isolated in right-to-left locales). */
  format(err: FormattableError, options?: { locale?: string; audience?: Audience }): string;
  /** One plain-text line per field error and per import error. */
  details(err: FormattableError, options?: { locale?: string }): string[];
  /** Problems between the loaded locales and the catalogue in force, "<locale>/<ns>.json: <key>: <problem>"; [] when consistent. */
  checkLocales(): string[];
  /** Load the package's i18n/<locale>/*.json (and, once, en-GB). Rejects when the package has no file for the locale. */
  loadLocale(locale: string): Promise<void>;
}

/** Loads the WASM core (once per process/page) and returns a new API instance. */
export function init(options?: InitOptions): Promise<Lms>;

/** Dialect ids in look-up order. */
export const DIALECTS: readonly Dialect[];

/** An invalid catalogue document; the message lists every problem, one per line. */
export class LmsCatalogueError extends Error {
  name: 'LmsCatalogueError';
}
