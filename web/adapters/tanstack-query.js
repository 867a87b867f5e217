// lms-errors/tanstack-query: TanStack Query's `retry` and `retryDelay` answered by the core's
// decisions (lms.decide), and query/mutation functions whose failures become LmsQueryError and
// whose successes are reported to the instance's retry budget (lms.recordSuccess).
//
// TanStack's contract (query-core's retryer): after the n-th failure (failureCount n - 1) it
// calls retryDelay(failureCount, error), then retry(failureCount, error), both synchronous. The
// decision is taken once per error — whichever is called first — and charged once.

/** A failed query or mutation: the normalized error and, once TanStack asked, the decision. */
export class LmsQueryError extends Error {
  constructor(error, { cause, response = null } = {}) {
    super(error.message ? `${error.code}: ${error.message}` : error.code, cause === undefined ? undefined : { cause });
    this.name = 'LmsQueryError';
    this.error = error;
    this.decision = null;
    this.response = response;
  }
}

const isResponse = (value) => typeof Response !== 'undefined' && value instanceof Response;

async function readJson(response) {
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

export function lmsQuery(lms, { policy } = {}) {
  if (lms === null || typeof lms !== 'object' || typeof lms.decide !== 'function') {
    throw new TypeError('lmsQuery(lms, options?): lms must be an instance from init()');
  }
  // One history per query (its queryKey array) or mutation (its context object): TanStack runs
  // one fetch of a query at a time, and a first failure (failureCount 0) starts it afresh.
  const histories = new WeakMap();
  const attemptOf = new WeakMap(); // LmsQueryError -> { history, started, method, idempotencyKey }
  const decided = new WeakMap(); // error -> its decision (or null: not ours to retry)

  function decisionFor(failureCount, error) {
    if (error !== null && typeof error === 'object' && decided.has(error)) return decided.get(error);
    let decision = null;
    if (error instanceof LmsQueryError) {
      const attempt = attemptOf.get(error);
      if (attempt && failureCount === 0) Object.assign(attempt.history, { started: attempt.started, decisions: [] });
      decision = lms.decide(error.error, {
        attempt: failureCount + 1,
        method: attempt?.method ?? 'GET',
        idempotencyKey: attempt?.idempotencyKey,
        elapsedMs: attempt ? Date.now() - attempt.history.started : 0,
      }, policy);
      if (attempt && decision.retry) attempt.history.decisions.push(decision);
      error.decision = decision;
    } else if (error?.name === 'LmsError' && error.decision) {
      decision = error.decision; // lms.fetch retried already; its final word stands
    }
    if (error !== null && typeof error === 'object') decided.set(error, decision);
    return decision;
  }

  async function run(key, request, call, read) {
    let history = histories.get(key);
    if (!history) histories.set(key, (history = { started: Date.now(), decisions: [] }));
    const started = Date.now();
    const fail = (error, cause, response = null) => {
      const failure = new LmsQueryError(error, { cause, response });
      attemptOf.set(failure, { history, started, ...request });
      return failure;
    };
    let result;
    try {
      result = await call();
    } catch (cause) {
      const error = await lms.normalize(cause);
      if (!error) throw cause; // a bug in the query function: TanStack shows it, nothing retries it
      throw fail(error, cause, isResponse(cause?.response) ? cause.response : null);
    }
    if (isResponse(result) && !result.ok) throw fail(await lms.normalize(result), undefined, result);
    lms.recordSuccess(history.decisions, { policy });
    history.decisions = [];
    return isResponse(result) ? read(result) : result;
  }

  return {
    /** QueryClient's `retry`: the core's decision for this failure (charged to the budget once). */
    retry: (failureCount, error) => decisionFor(failureCount, error)?.retry ?? false,
    /** QueryClient's `retryDelay`: that decision's wait (server hints exactly, else the policy's backoff). */
    retryDelay: (failureCount, error) => decisionFor(failureCount, error)?.delayMs ?? 0,
    /**
     * Wraps a query function: a non-ok Response or a failure of fetch, ky or axios becomes an
     * LmsQueryError; an ok Response is read with `read` (default: its JSON, null when empty).
     */
    queryFn(fn, { read = readJson } = {}) {
      return (context) => run(context?.queryKey ?? context ?? {}, { method: 'GET' }, () => fn(context), read);
    },
    /**
     * The same for mutations: POST unless said, retried after a 5xx only with an idempotency
     * key — the one the request sends, given as `idempotencyKey(variables)`.
     */
    mutationFn(fn, { read = readJson, method = 'POST', idempotencyKey } = {}) {
      if (idempotencyKey !== undefined && typeof idempotencyKey !== 'function') {
        throw new TypeError('mutationFn(fn, { idempotencyKey }): idempotencyKey must be a function of the variables (one key per mutation)');
      }
      return (variables, context) =>
        run(context ?? {}, { method, idempotencyKey: idempotencyKey?.(variables) }, () => fn(variables, context), read);
    },
  };
}
