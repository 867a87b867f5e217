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

export interface Lms {
  /** The entry for (dialect, code), or for the first dialect that has the code; null when unknown. */
  lookup(code: string, dialect?: Dialect): CatalogueEntry | null;
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
   * RangeError; missing or unknown params and bad options are a TypeError.
   */
  emit(
    dialect: EmitDialect,
    code: string,
    params?: Record<string, string | number | boolean> | null,
    options?: EmitOptions,
  ): EmittedResponse;
}

/** Loads the WASM core (once per process/page) and returns a new API instance. */
export function init(options?: InitOptions): Promise<Lms>;

/** Dialect ids in look-up order. */
export const DIALECTS: readonly Dialect[];

/** An invalid catalogue document; the message lists every problem, one per line. */
export class LmsCatalogueError extends Error {
  name: 'LmsCatalogueError';
}
