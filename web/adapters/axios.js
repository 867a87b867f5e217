// lms-errors/axios: a response interceptor that retries by the core's decisions (lms.decide),
// reports successes to the instance's retry budget (lms.recordSuccess), and gives every final
// AxiosError the normalized error (.error) and the decision (.decision).
//
// axios's contract: interceptors.response.use(onFulfilled, onRejected) returns an id for
// eject(); onRejected may resolve with a response (here: the retried request's) or reject.
// axios merges a config into a new object on every request, copying class instances by
// reference: the request's retry history rides along in `config.lmsRetry`.
import { sleep } from '../retry.js';

class RetryHistory {
  started = Date.now();
  decisions = [];
}

function headerOf(headers, name) {
  if (!headers) return undefined;
  const value = typeof headers.get === 'function' ? headers.get(name) : headers[name] ?? headers[name.toLowerCase()];
  return value == null ? undefined : String(value);
}

/**
 * Installs the interceptor on an axios instance (or the default axios); returns a function that
 * removes it again.
 */
export function attachLms(axiosInstance, lms, { policy } = {}) {
  if (typeof axiosInstance?.request !== 'function' || typeof axiosInstance?.interceptors?.response?.use !== 'function') {
    throw new TypeError('attachLms(axios, lms, options?): axios must be an axios instance');
  }
  if (lms === null || typeof lms !== 'object' || typeof lms.decide !== 'function') {
    throw new TypeError('attachLms(axios, lms, options?): lms must be an instance from init()');
  }

  const onFulfilled = (response) => {
    lms.recordSuccess(response.config?.lmsRetry?.decisions ?? [], { policy });
    return response;
  };

  const onRejected = async (failure) => {
    const config = failure?.config;
    const error = await lms.normalize(failure);
    if (!error || !config) throw failure; // not a request failure: a bug to see, not to retry
    const history = config.lmsRetry instanceof RetryHistory ? config.lmsRetry : (config.lmsRetry = new RetryHistory());
    const decision = lms.decide(error, {
      attempt: history.decisions.length + 1,
      method: String(config.method ?? 'get').toUpperCase(),
      idempotencyKey: headerOf(config.headers, 'Idempotency-Key'),
      elapsedMs: Date.now() - history.started,
    }, policy);
    Object.assign(failure, { error, decision });
    if (!decision.retry) throw failure;
    history.decisions.push(decision);
    await sleep(decision.delayMs, config.signal);
    return axiosInstance.request(config);
  };

  const id = axiosInstance.interceptors.response.use(onFulfilled, onRejected);
  return () => axiosInstance.interceptors.response.eject(id);
}
