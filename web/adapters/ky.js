// lms-errors/ky: ky options whose retries follow the core's decisions (lms.decide) and report
// successes to the instance's retry budget (lms.recordSuccess).
//
// ky's contracts (distribution/core/Ky.js of ky 1.14 and 2.x):
//   afterResponse may return ky.retry({ delay }): a retry after exactly that delay (slept with
//     the caller's signal), still within retry.limit;
//   retry.shouldRetry({ error, retryCount }) decides for thrown errors (network, timeout);
//     the wait is then retry.delay(retryCount);
//   beforeError sees each error before it is thrown.
// ky 1 calls hooks with arguments — (request, options), (request, options, response, { retryCount }),
// (error) — ky 2 with one object { request, options, response, error, retryCount }: hookState()
// reads either. `options` is one frozen object per request (across its retries), so it keys the
// request's retry history; the Request that reaches `fetch` is the one beforeRequest saw.
import ky from 'ky';

const METHODS = ['get', 'post', 'put', 'patch', 'head', 'delete', 'options', 'trace', 'query'];

const isRequest = (value) => typeof Request !== 'undefined' && value instanceof Request;

/** A hook's arguments, ky 1's or ky 2's, as { request, options, response, error, retryCount }. */
function hookState(args, ky1Names) {
  const [first] = args;
  const ky2 = args.length === 1 && first !== null && typeof first === 'object' && !isRequest(first) && !(first instanceof Error);
  if (ky2) return first;
  const state = Object.fromEntries(ky1Names.map((name, index) => [name, args[index]]));
  return { ...state, retryCount: args[ky1Names.length]?.retryCount ?? 0 };
}

export function lmsKy(lms, { policy, fetch: baseFetch } = {}) {
  if (lms === null || typeof lms !== 'object' || typeof lms.decide !== 'function') {
    throw new TypeError('lmsKy(lms, options?): lms must be an instance from init()');
  }
  const histories = new WeakMap(); // normalized options -> { started, decisions }
  const historyOfRequest = new WeakMap(); // Request -> the same history
  const requestOfFailure = new WeakMap(); // a network error -> the Request it failed

  const historyOf = (options) => {
    let history = histories.get(options);
    if (!history) histories.set(options, (history = { started: Date.now(), decisions: [], last: null }));
    return history;
  };

  // The decision for attempt `attempt` of `request`, charged to the budget when it retries.
  function decide(error, request, history, attempt) {
    const decision = lms.decide(error, {
      attempt,
      method: request?.method ?? 'GET',
      idempotencyKey: request?.headers.get('Idempotency-Key') ?? undefined,
      elapsedMs: history ? Date.now() - history.started : 0,
    }, policy);
    if (history) {
      history.last = { error, decision };
      if (decision.retry) history.decisions.push(decision);
    }
    return decision;
  }

  // The policy's own wait for network failures (a new draw: no server hint can apply to them).
  const backoff = (attempt) =>
    lms.decide(lms.networkError('offline'), { attempt, method: 'GET' }, { ...policy, budget: false, deadlineMs: 86_400_000, charge: false }).delayMs;

  return {
    fetch(request, init) {
      return (baseFetch ?? globalThis.fetch)(request, init).catch((error) => {
        if (error !== null && typeof error === 'object') requestOfFailure.set(error, request);
        throw error;
      });
    },
    retry: {
      limit: 100, // the policy's maxAttempts (at most 100) is what ends the retries
      methods: METHODS,
      statusCodes: [], // HTTP errors are decided in afterResponse
      afterStatusCodes: [],
      retryOnTimeout: true,
      jitter: false,
      delay: backoff,
      async shouldRetry({ error, retryCount }) {
        if (error?.name === 'HTTPError') return false; // afterResponse decided already
        const normalized = await lms.normalize(error);
        if (!normalized) return false; // not a request failure: a bug to see, not to retry
        const request = error.request ?? requestOfFailure.get(error);
        const decision = decide(normalized, request, request && historyOfRequest.get(request), retryCount);
        Object.assign(error, { error: normalized, decision });
        return decision.retry;
      },
    },
    hooks: {
      beforeRequest: [
        (...args) => {
          const { request, options } = hookState(args, ['request', 'options']);
          historyOfRequest.set(request, historyOf(options));
        },
      ],
      // ky 2 sends each retry as a new Request (a clone): the one that goes out is this hook's
      // (ky 1 and 2 both call beforeRetry with one object).
      beforeRetry: [
        ({ request, options }) => {
          historyOfRequest.set(request, historyOf(options));
        },
      ],
      afterResponse: [
        async (...args) => {
          const { request, options, response, retryCount } = hookState(args, ['request', 'options', 'response']);
          const history = historyOf(options);
          if (response.ok) {
            lms.recordSuccess(history.decisions, { policy });
            histories.delete(options);
            return response;
          }
          const error = await lms.normalize(response);
          const decision = decide(error, request, history, retryCount + 1);
          if (decision.retry) return ky.retry({ delay: decision.delayMs, code: error.code });
          return response;
        },
      ],
      beforeError: [
        (...args) => {
          const { error, options } = hookState(args, ['error']);
          const last = histories.get(options ?? error.options)?.last;
          if (last) Object.assign(error, last);
          return error;
        },
      ],
    },
  };
}
