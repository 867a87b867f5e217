// Types for lms-errors/ky.
import type { Options } from 'ky';
import type { Lms, NormalizedError, RetryDecision, RetryPolicy } from '../index.js';

/** What the adapter adds to the errors ky throws (HTTPError, TimeoutError, fetch's TypeError). */
export interface LmsKyErrorInfo {
  error?: NormalizedError;
  decision?: RetryDecision;
}

/** ky options (fetch, retry, hooks) to pass to ky.create()/ky.extend(): retries by `lms`'s policy and budget. */
export function lmsKy(
  lms: Lms,
  options?: { policy?: RetryPolicy; fetch?: typeof globalThis.fetch },
): Required<Pick<Options, 'fetch' | 'retry' | 'hooks'>>;
