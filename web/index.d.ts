// Types for the lms-errors package.
import type { LmsCode } from './codes.js';

export type {
  CodesByDialect, LmsCode, LmsDialectCode, WrappedCode, NestjsCode, OkflagCode, HttpCode, NetworkCode,
} from './codes.js';

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
  /** This instance's default retry policy, over the built-in one. Invalid: init() rejects with a TypeError. */
  retry?: RetryPolicy;
  /** Locales whose shipped files (i18n/<locale>/*.json) init() loads, with en-GB; see Lms.loadLocale. */
  locales?: string[];
  /** Browsers: the folder holding <locale>/<namespace>.json, ending with "/" (default: the package's i18n/). */
  i18nUrl?: string | URL;
  /**
   * Browsers: load the tools build (dist/lms_tools.wasm), whose instance has emit() and adds
   * codegen() and checkLocales(): for mocks, build scripts and translation tooling. Pages leave
   * it off (a smaller download). Node always loads the tools build.
   */
  tools?: boolean;
}

/** A field-level validation failure (seed 003 data.errors, seed 004 errors[], RFC 9457 errors). */
export interface FieldError {
  /** Dot-notation path, e.g. "anagraphic.firstName" ("" when the server named none). */
  field: string;
  /** class-validator constraint, e.g. "maxLength". */
  rule?: string;
  /** The server's own text for this field. */
  message?: string;
  /** Constraint values, e.g. { max: "100" }. */
  params?: Record<string, unknown>;
}

/** One failure of a seed-003 import (IMPORT_VALIDATION_FAILED data.errors). */
export interface ImportError {
  /** ImportErrorCode, e.g. "FIELD_INVALID". */
  code: string;
  column?: string;
  /** Inclusive row ranges: "2-5, 8" becomes [[2, 5], [8, 8]]. */
  rows: Array<[number, number]>;
  /** As the server sent it (seed 003 sends an array of column names). */
  params?: unknown;
  allowedValues?: string[];
}

/** Rate-limit state from X-RateLimit-* or the IETF RateLimit headers; a member not sent is 0. */
export interface RateLimit {
  limit: number;
  remaining: number;
  /** When the window resets, epoch ms. */
  resetAt: number;
}

/** The one error every response (or failed request) becomes. A plain object. */
export interface NormalizedError {
  dialect: Dialect;
  /** e.g. "LMS-ADM-007", "NOT_FOUND", or "HTTP_502" when the body gives no code. */
  code: string;
  /** HTTP status; 0 for network failures. */
  status: number;
  /** The server's own message; always a string, possibly empty. */
  message: string;
  /** True when (dialect, code) is in the catalogue in force. */
  known: boolean;
  /** Interpolation values: the body's params, or values recovered from the message's template. */
  params: Record<string, unknown>;
  fieldErrors: FieldError[];
  importErrors: ImportError[];
  /** From Retry-After (delay-seconds or HTTP-date, relative to now); never negative. */
  retryAfterMs: number | null;
  rateLimit: RateLimit | null;
  path?: string;
  timestamp?: string;
  requestId?: string;
  /**
   * The machine code a foreign server sent (Google `status`, Stripe `code`, OAuth `error`,
   * GraphQL `extensions.code`, Slack `error`, …), as sent; `code` stays the catalogue's code or
   * `HTTP_<status>`. `format()` looks up `server.<serverCode>` in `common` before `HTTP_<status>`.
   */
  serverCode?: string;
}

/** What parse() takes: what fetch() (or Node's http) gave you. */
export interface ResponseInput {
  /** The HTTP status, an integer 0–999. */
  status: number;
  /** Any letter case; a plain object (values may be arrays), a Headers instance, a Map or [name, value] pairs. */
  headers?:
    | Headers
    | ReadonlyMap<string, string>
    | ReadonlyArray<readonly [string, string]>
    | Record<string, string | number | readonly string[] | null | undefined>
    | null;
  /** Bytes are handed to the core as they are (never decoded in JS first). */
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | null;
  /** "Now" for Retry-After dates and rate-limit deltas: epoch ms or a Date (default Date.now()). */
  now?: number | Date;
}

/** How a request failed without any HTTP response. */
export type NetworkKind = 'offline' | 'timeout' | 'aborted';
/** The conventions emit() can speak (problem and network have no catalogue entries to send). */
export type EmitDialect = 'lms' | 'wrapped' | 'nestjs' | 'okflag' | 'http';

export interface EmitOptions {
  /** nestjs `timestamp`: an ISO 8601 string, a Date or epoch ms (default: now). */
  timestamp?: string | Date | number;
  /** nestjs `path`. */
  path?: string;
  /** Send this text instead of the catalogue's (filled) message. */
  message?: string;
  /** nestjs and okflag `data`. */
  data?: Record<string, unknown>;
  /** okflag `errors` (default []). */
  errors?: unknown[];
  /** Sent as x-request-id. */
  requestId?: string;
  /** Sent as retry-after, in whole seconds. */
  retryAfter?: number;
  /** Sent as x-ratelimit-limit / -remaining / -reset (Unix seconds). */
  rateLimit?: RateLimit;
}

/** A response exactly as that convention's server sends it; parse() accepts it as it is. */
export interface EmittedResponse {
  status: number;
  /** Lower-case names, content-type first. */
  headers: Record<string, string>;
  body: string;
}

/** How the policy's own backoff is spread: none = seed 002's exact waits; full = [0, d); equal = [d/2, d). */
export type Jitter = 'none' | 'full' | 'equal';

/** A retry policy; every member optional (absent members keep the instance's default). */
export interface RetryPolicy {
  /** Attempts including the original request. Default 4. */
  maxAttempts?: number;
  /** Wait after the original request failed. Default 1000. */
  baseDelayMs?: number;
  /** Each later wait is this much longer. Default 2. */
  multiplier?: number;
  /** Cap of the policy's own wait. Default 4000. */
  maxDelayMs?: number;
  /** No retry starts later than this after the first attempt. Default 60000. */
  deadlineMs?: number;
  /** Longer server hints are reported (action 'wait'), not slept through. Default 60000. */
  maxRetryAfterMs?: number;
  /** Default 'equal' (chosen with the fleet simulation, bench/RESULTS.md). */
  jitter?: Jitter;
  /**
   * The per-instance retry budget (token bucket): false turns it off. Defaults: capacity 5,
   * retryCost 5, timeoutCost 5, successRefund 1, refillPerSecond 0.1 — one retry in the bank.
   */
  budget?: boolean | { capacity?: number; retryCost?: number; timeoutCost?: number; successRefund?: number; refillPerSecond?: number };
}

/** The attempt that just failed. */
export interface RetryContext {
  /** 1 = the original request just failed. */
  attempt: number;
  /** Default 'GET'. POST and PATCH are retried after a 5xx or network failure only with an idempotency key. */
  method?: string;
  idempotencyKey?: string | null;
  /** Since the first attempt started. Default 0. */
  elapsedMs?: number;
  /** Epoch ms. Default Date.now(). */
  now?: number;
  /** The jitter's draw in [0, 1). Default Math.random(). */
  random?: number;
}

export type RetryReason =
  | 'transient' | 'throttled' | 'server_hint'
  | 'aborted' | 'never_retry' | 'client_error' | 'non_idempotent'
  | 'attempts_exhausted' | 'deadline' | 'hint_too_long' | 'budget_exhausted';

/** A plain object: whether and when to send again, and what the user (or app) should do. */
export interface RetryDecision {
  retry: boolean;
  /** With retry: the wait before sending again. Without: a wait to show (action 'wait'), else 0. */
  delayMs: number;
  action: Action;
  reason: RetryReason;
}

export interface FetchOptions {
  /** Send one Idempotency-Key (a UUID), the same on every attempt, so POST/PATCH may be retried. */
  idempotent?: boolean;
  /** Called before each wait, e.g. for a countdown. */
  onRetry?(info: { attempt: number; delayMs: number; error: NormalizedError }): void;
  /**
   * Awaited once on a 'refresh' action; then the request is sent once more. Resolve to a token
   * (sent as `Authorization: Bearer <token>`), to headers to set, or to nothing (cookie sessions).
   */
  refreshToken?(): Promise<string | Record<string, string> | Headers | void> | string | Record<string, string> | Headers | void;
  /** Per attempt; a timeout becomes networkError('timeout'). Default 30000; Infinity: none. */
  timeoutMs?: number;
  /** Over the instance's default policy, for this request only. */
  policy?: RetryPolicy;
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
  /**
   * The entry for (dialect, code), or for the first dialect that has the code; null when unknown.
   * Entries are frozen and the same object is returned for the same arguments (until loadCatalogue()).
   */
  lookup(code: LmsCode | (string & {}), dialect?: Dialect): Readonly<CatalogueEntry> | null;
  /** Every catalogue entry, or those of one dialect. */
  entries(dialect?: Dialect): CatalogueEntry[];
  /** Replace the catalogue in force; throws LmsCatalogueError (and keeps the old one) when invalid. */
  loadCatalogue(catalogue: CatalogueDocument | string): void;

  /**
   * Any HTTP error response -> one normalized error, whatever the body holds (empty, truncated,
   * HTML, binary, huge). Throws TypeError only for arguments of the wrong type.
   */
  parse(response: ResponseInput): NormalizedError;
  /** A request that got no response: dialect 'network', status 0. Other kinds: TypeError. */
  networkError(kind: NetworkKind): NormalizedError;
  /**
   * What a server of `dialect` sends for catalogue entry `code`. An unknown (dialect, code) is a
   * RangeError; missing or unknown params and bad options are a TypeError. In the tools build
   * only: Node's init() and browsers' init({ tools: true }); on a page build instance it throws.
   */
  emit(
    dialect: EmitDialect,
    code: string,
    params?: Record<string, string | number | boolean> | null,
    options?: EmitOptions,
  ): EmittedResponse;

  /**
   * Whether and when to send a failed request again. Charges the instance's retry budget when
   * it says retry: call it once per failed attempt. Bad arguments throw a TypeError.
   */
  decide(err: Pick<NormalizedError, 'code'> & Partial<NormalizedError>, ctx: RetryContext, policy?: RetryPolicy): RetryDecision;
  /**
   * fetch() that follows decide(): retries with the policy's waits (cancelled at once by
   * init.signal, rejecting with its AbortError), refreshes on a 'refresh' action, and resolves
   * to the Response (any status below 400). A final failure throws LmsError.
   */
  fetch(input: string | URL | Request, init?: RequestInit, options?: FetchOptions): Promise<Response>;

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
  /** Load the package's i18n/<locale>/*.json (and, once, en-GB). Rejects when the package has no file for the locale. */
  loadLocale(locale: string): Promise<void>;
}

/** What init({ tools: true }) returns: the API plus the generators and the locale lint. */
export interface LmsTools extends Lms {
  /**
   * Source generated from the catalogue in force: a TypeScript error-code module ('ts') or a Go
   * apperrors table ('go'). Throws a RangeError for an unknown language or dialect.
   */
  codegen(lang: 'ts' | 'go', options?: { dialect?: Dialect; goPackage?: string }): string;
  /** Problems between the loaded locales and the catalogue in force, "<locale>/<ns>.json: <key>: <problem>"; [] when consistent. */
  checkLocales(): string[];
}

/** Loads the WASM core (once per process/page) and returns a new API instance. */
export function init(options: InitOptions & { tools: true }): Promise<LmsTools>;
export function init(options?: InitOptions): Promise<Lms>;

/** Dialect ids in look-up order. */
export const DIALECTS: readonly Dialect[];

/** An invalid catalogue document; the message lists every problem, one per line. */
export class LmsCatalogueError extends Error {
  name: 'LmsCatalogueError';
}

/** lms.fetch()'s final failure: the normalized error and the decision that ended the retries. */
export class LmsError extends Error {
  name: 'LmsError';
  readonly error: NormalizedError;
  readonly decision: RetryDecision;
  /** The last response (its body already read into .error), or null after a network failure. */
  readonly response: Response | null;
  /** The fetch() rejection behind a network failure (TypeError, AbortError, TimeoutError), if any. */
  readonly cause?: unknown;
}
