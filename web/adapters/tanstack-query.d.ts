// Types for lms-errors/tanstack-query.
import type { Lms, NormalizedError, RetryDecision, RetryPolicy } from '../index.js';

/** A failed query or mutation: the normalized error and, once TanStack asked, the decision. */
export class LmsQueryError extends Error {
  name: 'LmsQueryError';
  readonly error: NormalizedError;
  /** The core's decision for this failure; null until TanStack called retry() or retryDelay(). */
  decision: RetryDecision | null;
  /** The non-ok Response behind the failure, if there was one. */
  readonly response: Response | null;
  /** The client's own error (TypeError, AbortError, ky's HTTPError, AxiosError), if any. */
  readonly cause?: unknown;
}

export interface LmsQueryAdapter {
  /** For QueryClient's defaultOptions (queries and mutations): the core's decision, charged once. */
  retry(failureCount: number, error: unknown): boolean;
  /** The decision's wait: the server's hint exactly, else the policy's backoff. */
  retryDelay(failureCount: number, error: unknown): number;
  /**
   * Wraps a query function: a non-ok Response or a failure of fetch, ky or axios becomes an
   * LmsQueryError; an ok Response is read with `read` (default: its JSON, null when empty).
   */
  queryFn<TContext, TData = unknown>(
    fn: (context: TContext) => Promise<Response | TData> | Response | TData,
    options?: { read?: (response: Response) => Promise<TData> | TData },
  ): (context: TContext) => Promise<TData>;
  /**
   * The same for mutations: POST unless said; retried after a 5xx only with an idempotency key,
   * the one the request sends (`idempotencyKey(variables)`).
   */
  mutationFn<TVariables, TContext, TData = unknown>(
    fn: (variables: TVariables, context: TContext) => Promise<Response | TData> | Response | TData,
    options?: {
      read?: (response: Response) => Promise<TData> | TData;
      method?: string;
      idempotencyKey?: (variables: TVariables) => string | undefined;
    },
  ): (variables: TVariables, context: TContext) => Promise<TData>;
}

/** TanStack Query's retry, retryDelay and function wrappers, answered by `lms`'s policy and budget. */
export function lmsQuery(lms: Lms, options?: { policy?: RetryPolicy }): LmsQueryAdapter;
