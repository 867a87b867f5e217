// Types for the lms-errors package.
import type { CodesByDialect, LmsCode } from './codes.js';

export type {
  CodesByDialect, LmsCode, LmsDialectCode, WrappedCode, NestjsCode, OkflagCode, HttpCode, NetworkCode,
} from './codes.js';

/**
 * A code argument: any `string` variable, but a string literal only when it is a catalogue code
 * (of `D` when a dialect is given), so `lookup('LMS-ADM-999')` is a type error.
 */
export type CodeArgument<C extends string, D extends Dialect = Dialect> = string extends C
  ? C
  : C extends CodesByDialect[D & keyof CodesByDialect]
    ? C
    : CodesByDialect[D & keyof CodesByDialect];

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
  /**
   * Where the server serves its catalogue (its dist/catalogue.json). When given, every error
   * parse() reads whose X-Lms-Catalogue-Revision differs from catalogueRevision makes the
   * instance load that catalogue, in the background (see syncCatalogue()).
   */
  catalogueUrl?: string | URL;
  /** Browsers: where to fetch the .wasm from (default: beside the package's dist/ files). */
  wasmUrl?: string | URL;
  /** This instance's default retry policy, over the built-in one. Invalid: init() rejects with a TypeError. */
  retry?: RetryPolicy;
  /**
   * Locales whose shipped translations init() loads, with en-GB, the fallback (default: en-GB
   * alone; [] loads none). A locale the package lacks falls back to its language, else en-GB,
   * with a console warning.
   */
  locales?: string[];
  /**
   * Translations the app has already imported (e.g. `import cy from 'lms-errors/i18n/cy/common.json'`):
   * `{ cy: { common: cy } }`. Those locales are not read from the package; en-GB's are merged over the shipped ones.
   */
  resources?: Record<string, Record<string, Record<string, unknown> | string>>;
  /** Browsers: a served folder of <locale>/<namespace>.json, ending with "/", tried before the shipped locales. */
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
   * `HTTP_<status>`. When it is a plain token (letters, digits, `_ - . :`, at most 64), `format()`
   * uses it: words from the `http` namespace's `server.<serverCode>` when the app added them
   * (addResources), and for teachers and admins the code to quote, `[HTTP_402 card_declined]`.
   * Pupils never see it, nor any foreign server text.
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
  /**
   * Bytes are handed to the core as they are (never decoded in JS first). A body some client
   * already parsed (axios's response.data: a plain object, array, number or boolean) is
   * serialised once and read by the same reader.
   */
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | Record<string, unknown> | readonly unknown[] | number | boolean | null;
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

/** decide()'s third argument: a policy for this call, and whether the decision spends the budget. */
export interface DecideOptions extends RetryPolicy {
  /**
   * Default true: a decision that says retry withdraws its cost from the instance's budget.
   * false for a decision only shown or planned: the budget is asked, nothing is withdrawn.
   */
  charge?: boolean;
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
   * Bounded like a request: the caller's abort rejects at once with its AbortError; after
   * `timeoutMs` lms.fetch throws LmsError (the refresh error, cause a TimeoutError). `signal` is
   * aborted in both cases: pass it to the refresh's own fetch.
   */
  refreshToken?(context: { signal: AbortSignal }): Promise<string | Record<string, string> | Headers | void> | string | Record<string, string> | Headers | void;
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
  serverCode?: string;
  fieldErrors?: Array<{ field: string; rule?: string; message?: string; params?: Record<string, unknown> }>;
  importErrors?: Array<{ code: string; column?: string; rows: Array<[number, number]>; params?: unknown; allowedValues?: string[] }>;
}

export interface Lms {
  /**
   * The entry for (dialect, code), or for the first dialect that has the code; null when unknown.
   * Entries are frozen and the same object is returned for the same arguments (until loadCatalogue()).
   */
  lookup<C extends string, D extends Dialect = Dialect>(code: CodeArgument<C, D>, dialect?: D): Readonly<CatalogueEntry> | null;
  /** Every catalogue entry, or those of one dialect. */
  entries(dialect?: Dialect): CatalogueEntry[];
  /** The revision (content hash) of the catalogue in force, as servers send it; null when it has none. */
  readonly catalogueRevision: string | null;
  /**
   * Loads the catalogue from `url` (default: init's catalogueUrl) when `headers` carry an
   * X-Lms-Catalogue-Revision other than catalogueRevision; resolves true when it loaded one.
   * Each served revision is tried once.
   */
  syncCatalogue(headers: ResponseInput['headers'], url?: string | URL): Promise<boolean>;
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
   * What a server of `dialect` sends for catalogue entry `code`, with the X-Lms-Catalogue-Revision
   * header. `HTTP_<status>` (400–599) is every convention's fallback code (seed 003's
   * HttpException without a code). An unknown (dialect, code) is a RangeError; missing or unknown params and bad options are a TypeError. In the tools build
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
   * it says retry (call it once per failed attempt), unless `{ charge: false }`: a decision
   * only shown. Bad arguments throw a TypeError.
   */
  decide(err: Pick<NormalizedError, 'code'> & Partial<NormalizedError>, ctx: RetryContext, options?: DecideOptions): RetryDecision;
  /**
   * A request succeeded: the budget gets back what its retries withdrew (pass the decisions
   * that said retry), or a first-try success's refund when there were none. lms.fetch and the
   * adapters (lms-errors/tanstack-query, /ky, /axios) call it themselves.
   */
  recordSuccess(decisions?: readonly RetryDecision[], options?: { policy?: RetryPolicy; now?: number }): void;
  /**
   * Any HTTP client's failure -> a normalized error: a non-ok Response (read from a clone),
   * ky's HTTPError, an AxiosError, fetch's TypeError and ky 2's NetworkError ('offline'), an
   * AbortError ('aborted'), a TimeoutError ('timeout'), or an error lms already normalized
   * (LmsError, LmsQueryError).
   * Resolves to null for anything else: a bug is not a request failure.
   */
  normalize(failure: unknown): Promise<NormalizedError | null>;
  /**
   * fetch() that follows decide(): retries with the policy's waits (cancelled at once by
   * init.signal, rejecting with its AbortError), refreshes on a 'refresh' action, and resolves
   * to the Response (any status below 400). A final failure throws LmsError.
   */
  fetch(input: string | URL | Request, init?: RequestInit, options?: FetchOptions): Promise<Response>;
  /**
   * An error Response's body for parse(), read as a stream up to parse()'s 16 MiB limit + 1 byte;
   * the rest is cancelled, never downloaded (lms.fetch reads error bodies this way).
   * `lms.parse({ status: res.status, headers: res.headers, body: await lms.readErrorBody(res) })`
   */
  readErrorBody(response: Response): Promise<Uint8Array>;

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
  /** One plain-text UI line: the localized message + ' [CODE]' (isolated in right-to-left locales); withCode: false leaves the code out (a UI that shows it on its own). */
  format(err: FormattableError, options?: { locale?: string; audience?: Audience; withCode?: boolean }): string;
  /** One plain-text line per field error and per import error. */
  details(err: FormattableError, options?: { locale?: string }): string[];
  /**
   * Load the package's translations for a locale (and, once, en-GB). Resolves to the locale now
   * in: the locale, its language ('cy-GB' -> 'cy') or, with a console warning, 'en-GB'.
   */
  loadLocale(locale: string): Promise<string>;
}

/** What init({ tools: true }) returns: the API plus the generators and the locale lint. */
export interface LmsTools extends Lms {
  /**
   * Source generated from the catalogue in force: a TypeScript error-code module ('ts') or a Go
   * apperrors table ('go'). Throws a RangeError for an unknown language or dialect.
   */
  codegen(lang: 'ts' | 'go' | 'dts', options?: { dialect?: Dialect; goPackage?: string }): string;
  /** Problems between the loaded locales and the catalogue in force, "<locale>/<ns>.json: <key>: <problem>"; [] when consistent. */
  checkLocales(): string[];
}

/** Loads the WASM core (once per process/page) and returns a new API instance. */
export function init(options: InitOptions & { tools: true }): Promise<LmsTools>;
export function init(options?: InitOptions): Promise<Lms>;

/** Dialect ids in look-up order. */
export const DIALECTS: readonly Dialect[];
/** The response header servers send the catalogue revision in (emit() adds it): 'x-lms-catalogue-revision'. */
export const REVISION_HEADER: 'x-lms-catalogue-revision';

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
