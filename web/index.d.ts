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

export interface Lms {
  /** The entry for (dialect, code), or for the first dialect that has the code; null when unknown. */
  lookup(code: string, dialect?: Dialect): CatalogueEntry | null;
  /** Every catalogue entry, or those of one dialect. */
  entries(dialect?: Dialect): CatalogueEntry[];
  /** Replace the catalogue in force; throws LmsCatalogueError (and keeps the old one) when invalid. */
  loadCatalogue(catalogue: CatalogueDocument | string): void;
}

/** Loads the WASM core (once per process/page) and returns a new API instance. */
export function init(options?: InitOptions): Promise<Lms>;

/** Dialect ids in look-up order. */
export const DIALECTS: readonly Dialect[];

/** An invalid catalogue document; the message lists every problem, one per line. */
export class LmsCatalogueError extends Error {
  name: 'LmsCatalogueError';
}
