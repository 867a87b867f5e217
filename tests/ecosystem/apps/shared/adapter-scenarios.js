// What the adapter apps (apps/tanstack-query, ky, axios) do, and what the harness's server
// answers them (ecosystem.test.js): each app asks for /api/<scenario> for every scenario in
// order, through its client and lms-errors' adapter, on one lms instance with the default retry
// budget (one retry in the bank, paid back by a success), and reports what its code was handed.
// The server answers a scenario's n-th request with SCRIPTS[scenario][n - 1], the last one again
// after that.

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
  // Down for good: one retry in the bank, then the budget says stop (README, "retry budget").
  down: [unavailableFor1s],
};

export const SCENARIOS = Object.keys(SCRIPTS);

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
