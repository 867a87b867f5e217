// Retry: lms.decide() (the C++ policy) and lms.fetch(), the one part that needs the browser's
// timers and fetch. Every decision — whether, when, and what the user should do — is the core's.

const DEFAULT_TIMEOUT_MS = 30_000;

/** Thrown by lms.fetch() when a request finally fails: carries the normalized error and the decision. */
export class LmsError extends Error {
  constructor(error, decision, { cause, response = null } = {}) {
    super(error.message ? `${error.code}: ${error.message}` : error.code, cause === undefined ? undefined : { cause });
    this.name = 'LmsError';
    this.error = error;
    this.decision = decision;
    this.response = response;
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object';
}

function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

// A wait that an abort ends at once, rejecting with the AbortError (the axios adapter's too).
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const isRequest = (input) => typeof Request !== 'undefined' && input instanceof Request;

/**
 * An error body as bytes, read as a stream up to `limit` + 1 bytes (parse() then sees it is
 * over its limit), the rest cancelled: a hostile 400 MB body costs a tab no more than the
 * limit. A body already read (or used) is an empty one.
 */
export async function readBounded(response, limit) {
  if (response.bodyUsed) return new Uint8Array(0);
  const stream = response.body;
  if (!stream || typeof stream.getReader !== 'function') {
    // No stream to read (a Response-like object without one): all of it, then cut.
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > limit + 1 ? bytes.slice(0, limit + 1) : bytes;
  }
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  try {
    while (size <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const keep = Math.min(value.length, limit + 1 - size);
      chunks.push(keep === value.length ? value : value.subarray(0, keep));
      size += keep;
    }
  } finally {
    if (size > limit) reader.cancel().catch(() => {}); // the rest is never downloaded
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// One attempt: the Response with its error body read, or the kind of network failure.
async function attemptOnce(input, init, headers, signal, timeoutMs, bodyLimit) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs)
    : undefined;
  // The caller's signal and the timeout as one. AbortSignal.any (Node 20, current browsers) holds
  // the caller's signal weakly; elsewhere a listener forwards its abort, removed when done.
  let fetchSignal = controller.signal;
  let unlink = () => {};
  if (signal && typeof AbortSignal.any === 'function') {
    fetchSignal = AbortSignal.any([signal, controller.signal]);
  } else if (signal) {
    const onAbort = () => controller.abort(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    unlink = () => signal.removeEventListener('abort', onAbort);
  }
  const failed = (cause) => {
    clearTimeout(timer);
    unlink();
    if (signal?.aborted) return { kind: 'aborted', cause };
    if (timedOut) return { kind: 'timeout', cause };
    if (cause instanceof TypeError) return { kind: 'offline', cause };
    throw cause; // not a network failure: a bug to see, not to retry
  };
  let response;
  try {
    response = await fetch(isRequest(input) ? input.clone() : input, { ...init, headers, signal: fetchSignal });
  } catch (cause) {
    return failed(cause);
  }
  if (response.status < 400 || response.type === 'opaqueredirect') {
    clearTimeout(timer); // the caller reads the body; the user's signal still aborts it
    return { response, ok: true };
  }
  let body = null;
  try {
    body = await readBounded(response, bodyLimit);
  } catch (cause) {
    // The status arrived but the body did not: keep the status unless the caller gave up.
    if (signal?.aborted) return failed(cause);
  }
  clearTimeout(timer);
  unlink();
  return { response, body };
}

// refreshToken() may resolve to a token (sent as a Bearer Authorization header), to headers to
// set, or to nothing (cookie sessions: the request is just sent again).
function applyRefreshed(headers, refreshed) {
  if (typeof refreshed === 'string') headers.set('Authorization', `Bearer ${refreshed}`);
  else if (isObject(refreshed)) new Headers(refreshed).forEach((value, name) => headers.set(name, value));
}

/** Thrown inside lms.fetch when refreshToken() has not settled within the request timeout. */
class RefreshTimeout extends DOMException {
  constructor(timeoutMs) {
    super(`refreshToken() did not settle within ${timeoutMs} ms`, 'TimeoutError');
  }
}

// refreshToken({ signal }) bounded like a request: the caller's abort rejects at once with its
// AbortError, and after timeoutMs it rejects with a TimeoutError. The signal it is given is
// aborted in both cases, so a refresh that fetches can stop its own request.
function refreshWithin(refreshToken, signal, timeoutMs) {
  const controller = new AbortController();
  return new Promise((resolve, reject) => {
    let timer;
    const settle = (fn, value) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn(value);
    };
    const onAbort = () => {
      controller.abort(abortReason(signal));
      settle(reject, abortReason(signal));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const reason = new RefreshTimeout(timeoutMs);
        controller.abort(reason);
        settle(reject, reason);
      }, timeoutMs);
    }
    Promise.resolve()
      .then(() => refreshToken({ signal: controller.signal }))
      .then((value) => settle(resolve, value), (error) => settle(reject, error));
  });
}

/**
 * `onErrorResponse(headers)`: called with the headers of every error response lms.fetch reads
 * (web/core.js: the catalogue revision check of init({ catalogueUrl })).
 */
export function retryApi(core, lms, options = {}, onErrorResponse = undefined) {
  // Error bodies are read up to parse()'s limit + 1 bytes (beyond it parse() reads none of them).
  const bodyLimit = core.exports.lms_max_body_bytes();
  if (options.retry !== undefined) {
    if (!isObject(options.retry)) throw new TypeError('init({ retry }): retry must be a retry policy object');
    core.setRetryPolicy(options.retry);
  }

  // The decision with its budget cost, which only lms.fetch needs.
  function decideWithCost(err, ctx, policy) {
    if (!isObject(err)) throw new TypeError('decide(err, ctx, policy?): err must be an error object from parse() or networkError()');
    if (!isObject(ctx)) throw new TypeError('decide(err, ctx, policy?): ctx must be an object such as { attempt: 1, method: "GET" }');
    if (policy !== undefined && !isObject(policy)) throw new TypeError('decide(err, ctx, policy?): policy must be an object');
    return core.decide(err, { ...ctx, now: ctx.now ?? Date.now(), random: ctx.random ?? Math.random() }, policy);
  }

  async function retryingFetch(input, init = {}, fetchOptions = {}) {
    init ??= {};
    fetchOptions ??= {};
    if (!isObject(init)) throw new TypeError('fetch(input, init?, options?): init must be an object');
    if (!isObject(fetchOptions)) throw new TypeError('fetch(input, init?, options?): options must be an object');
    const { idempotent = false, onRetry, refreshToken, policy, timeoutMs = DEFAULT_TIMEOUT_MS } = fetchOptions;
    if (onRetry !== undefined && typeof onRetry !== 'function') throw new TypeError('fetch(): options.onRetry must be a function');
    if (refreshToken !== undefined && typeof refreshToken !== 'function') throw new TypeError('fetch(): options.refreshToken must be a function');
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new TypeError('fetch(): options.timeoutMs must be a positive number (Infinity: no timeout)');
    if (policy !== undefined && !isObject(policy)) throw new TypeError('fetch(): options.policy must be a retry policy object');

    const request = isRequest(input);
    const signal = init.signal ?? (request ? input.signal : undefined);
    const method = String(init.method ?? (request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init.headers ?? (request ? input.headers : undefined));
    let idempotencyKey = headers.get('Idempotency-Key') ?? undefined;
    if (idempotent && !idempotencyKey) {
      idempotencyKey = crypto.randomUUID(); // one key for every attempt: the server de-duplicates
      headers.set('Idempotency-Key', idempotencyKey);
    }

    const started = Date.now();
    let spent = 0; // budget tokens this request withdrew: returned if it succeeds
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      const outcome = await attemptOnce(input, init, headers, signal, timeoutMs, bodyLimit);
      if (outcome.ok) {
        core.retrySucceeded(policy, spent, Date.now());
        return outcome.response;
      }
      // One call into the core reads the failure and decides on it.
      const now = Date.now();
      const ctx = { attempt, method, idempotencyKey, elapsedMs: now - started, now, random: Math.random() };
      const failure = outcome.kind
        ? core.networkErrorAndDecide(outcome.kind, ctx, policy)
        : core.parseAndDecide(outcome.response.status, outcome.response.headers, outcome.body, now, ctx, policy);
      if (!outcome.kind) onErrorResponse?.(outcome.response.headers);
      const { error } = failure;
      const { cost, ...decision } = failure.decision;
      spent += cost;
      if (decision.action === 'refresh' && refreshToken && !refreshed) {
        refreshed = true; // once: a second 401 after a refresh is final
        let token;
        try {
          token = await refreshWithin(refreshToken, signal, timeoutMs);
        } catch (cause) {
          // A refresh that never settles ends like the request it was for: final, the cause kept.
          if (cause instanceof RefreshTimeout) throw new LmsError(error, { ...decision, retry: false }, { cause, response: outcome.response ?? null });
          throw cause;
        }
        applyRefreshed(headers, token);
        continue;
      }
      if (!decision.retry) throw new LmsError(error, decision, { cause: outcome.cause, response: outcome.response ?? null });
      onRetry?.({ attempt, delayMs: decision.delayMs, error });
      await sleep(decision.delayMs, signal);
    }
  }

  // What each charged decision withdrew, for recordSuccess(): the decision objects are the
  // caller's receipts, so the cost stays off the public shape.
  const costs = new WeakMap();

  return {
    /**
     * Whether and when to send a failed request again, and what the user should do. The third
     * argument is a policy for this call and may say `charge: false`: a decision only shown (or
     * planned) asks the budget without spending it.
     */
    decide(err, ctx, options) {
      let policy = options;
      let context = ctx;
      if (isObject(options) && 'charge' in options && isObject(ctx)) {
        let charge;
        ({ charge, ...policy } = options);
        context = { ...ctx, charge };
      }
      const { retry, delayMs, action, reason, cost } = decideWithCost(err, context, policy);
      const decision = { retry, delayMs, action, reason };
      if (cost > 0) costs.set(decision, cost);
      return decision;
    },
    /**
     * A request succeeded: give the budget back what its retries withdrew (the decisions that
     * said retry, in any order), or a first-try success's refund when there were none.
     */
    recordSuccess(decisions = [], { policy, now = Date.now() } = {}) {
      if (!Array.isArray(decisions)) throw new TypeError('recordSuccess(decisions?, options?): decisions must be an array of decide() results');
      if (policy !== undefined && !isObject(policy)) throw new TypeError('recordSuccess(): options.policy must be a retry policy object');
      if (typeof now !== 'number' || !Number.isFinite(now)) throw new TypeError('recordSuccess(): options.now must be epoch milliseconds');
      let spent = 0;
      for (const decision of new Set(decisions)) spent += (isObject(decision) && costs.get(decision)) || 0;
      core.retrySucceeded(policy, spent, now);
    },
    /** fetch() that follows decide(): retries, waits, refreshes; throws LmsError on final failure. */
    fetch: retryingFetch,
    /**
     * An error Response's body as bytes for parse(), read as a stream and cut at parse()'s
     * limit + 1 byte (the rest is cancelled, never downloaded):
     * `lms.parse({ status: res.status, headers: res.headers, body: await lms.readErrorBody(res) })`.
     */
    readErrorBody(response) {
      if (!isObject(response) || typeof response.arrayBuffer !== 'function') {
        return Promise.reject(new TypeError('readErrorBody(response): response must be a fetch Response'));
      }
      return readBounded(response, bodyLimit);
    },
  };
}
