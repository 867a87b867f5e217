// Types for lms-errors/axios.
import type { AxiosInstance, AxiosStatic } from 'axios';
import type { Lms, NormalizedError, RetryDecision, RetryPolicy } from '../index.js';

/** What the interceptor adds to the AxiosErrors it rejects with. */
export interface LmsAxiosErrorInfo {
  error?: NormalizedError;
  decision?: RetryDecision;
}

/**
 * Adds a response interceptor that retries by `lms`'s policy and budget; returns a function
 * that removes it.
 */
export function attachLms(axios: AxiosInstance | AxiosStatic, lms: Lms, options?: { policy?: RetryPolicy }): () => void;
