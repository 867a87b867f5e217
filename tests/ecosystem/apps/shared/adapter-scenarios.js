// What the adapter apps (apps/tanstack-query, ky, axios) do, and what the harness's server
// answers them (ecosystem.test.js): each app asks for /api/<scenario> for every scenario in
// order, through its client and lms-errors' adapter, on one lms instance with the default retry
// budget (one retry in the bank, paid back by a success), and reports what its code was handed.
// The server answers a scenario's n-th request with SCRIPTS[scenario][n - 1], the last one again
// after that. A scenario is a GET unless REQUESTS says otherwise.

const json = (status, body, headers = {}) => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const ok = json(200, { ok: true });
// seed 001 (wrapped), with and without the server's hint
const unavailable = json(503, { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } });
const unavailableFor1s = { ...unavailable, headers: { ...unavailable.headers, 'retry-after': '1' } };
const rateLimited = json(429, { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 1 seconds.' } }, { 'retry-after': '1' });
// seed 003 (NestJS): a 422 is the caller's to fix, never retried
const invalid = json(422, { statusCode: 422, code: 'IMPORT_VALIDATION_FAILED', message: 'Import validation failed', data: { errors: [{ field: 'name', message: 'required' }] } });
// seed 000 (Go): a 401 is not retried either
const signedOut = json(401, { code: 'LMS-AUTH-002', error: 'invalid token' });

export const SCRIPTS = {
  hint: [unavailableFor1s, ok], // Retry-After: 1 -> exactly 1 s later
  throttled: [rateLimited, ok],
  // Failures in a row across requests: each retry is paid back by its success, so every one retries.
  'flaky-1': [unavailable, ok],
  'flaky-2': [unavailable, ok],
  'flaky-3': [unavailable, ok],
  invalid: [invalid],
  'signed-out': [signedOut],
  // A POST is sent again after a 5xx only with an idempotency key.
  'post-keyed': [unavailable, ok],
  post: [unavailable, ok],
  // Down for good: one retry in the bank, then the budget says stop (README, "retry budget");
  // last, as the bank is empty after it.
  down: [unavailableFor1s],
};

export const SCENARIOS = Object.keys(SCRIPTS);

/** How each scenario is asked for: its method and idempotency key. */
export const REQUESTS = Object.fromEntries(SCENARIOS.map((name) => [name, { method: 'GET', idempotencyKey: undefined }]));
Object.assign(REQUESTS, {
  'post-keyed': { method: 'POST', idempotencyKey: 'answer-7f3a' },
  post: { method: 'POST', idempotencyKey: undefined },
});

/** The answer the POST scenarios send. */
export const ANSWER = { question: 3, answer: 'seven' };

/** The request headers of a scenario (JSON body for a POST, its idempotency key if any). */
export function requestHeaders(name) {
  const { method, idempotencyKey } = REQUESTS[name];
  return {
    ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
}

/** The scenario's address on the page's own server. */
export const scenarioUrl = (name) => new URL(`/api/${name}`, globalThis.location?.href).href;

/** What the app's code was handed for a failure: the library's error with the adapter's normalized error and decision. */
export function reportFailure(lms, failure) {
  const error = failure?.error;
  return {
    kind: failure?.name ?? typeof failure,
    code: error?.code ?? null,
    line: error ? lms.format(error) : String(failure),
    decision: failure?.decision ?? null,
  };
}
