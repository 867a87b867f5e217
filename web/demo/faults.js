// Scripted failures for demos and tests. A page forwards its own `?fault=…` to every API call
// (with `run`, an id per page load, so "the next two calls" counts this page's calls only):
//   <dialect>:<CODE>   fail with that catalogue error, body from lms.emit() (faultParams: its
//                      params as JSON; faultMessage: the server's message instead of the catalogue's)
//   <status>x<n>       fail the next n calls with that status (503x2), then succeed
//   <status>           fail every call with that status
//   429:<seconds>      answer 429 with Retry-After: <seconds>
//   offline            drop the connection without an answer
//   slow:<ms>          do the work (an answer is stored), then answer only after <ms>
// `faultOn=question,answers` limits the fault to those API routes.
// A status fault answers with the code that route's own server sends for that status
// (routeFaultCode): a 500 on answers is "the answer could not be processed", not the school list.

// Per route, per status: the catalogue code (in the route's convention) its server would send.
// A status the convention has no fitting code for is the generic HTTP_<status> (what a proxy or
// the framework sends): a 429 on a question is not the sign-in throttle LMS-AUTH-004.
const ROUTE_FAULT_CODES = {
  question: { 400: 'LMS-SES-001', 401: 'LMS-AUTH-002', 403: 'LMS-AUTH-003', 404: 'LMS-SES-002', 500: 'LMS-SES-004' },
  answers: { 400: 'LMS-SES-001', 401: 'LMS-AUTH-002', 403: 'LMS-AUTH-003', 404: 'LMS-SES-002', 500: 'LMS-SES-003' },
  class: { 400: 'VALIDATION_FAILED', 401: 'AUTH_TOKEN_INVALID', 403: 'INSUFFICIENT_SCOPE', 404: 'NOT_FOUND', 429: 'RATE_LIMITED', 500: 'INTERNAL_ERROR', 503: 'DATABASE_TIMEOUT' },
  import: { 400: 'VALIDATION_FAILED', 401: 'AUTH_TOKEN_INVALID', 403: 'ACTION_NOT_PERMITTED', 429: 'RATE_LIMITED', 500: 'INTERNAL_ERROR', 503: 'DATABASE_TIMEOUT' },
  school: { 400: 'VALIDATION_ERROR', 401: 'TOKEN_EXPIRED', 403: 'FORBIDDEN', 404: 'CENTER_NOT_FOUND', 429: 'RATE_LIMITED', 500: 'INTERNAL_ERROR', 503: 'SERVICE_UNAVAILABLE' },
  me: { 400: 'VALIDATION_FAILED', 401: 'INVALID_TOKEN', 403: 'PERMISSION_DENIED', 404: 'USER_NOT_FOUND', 429: 'RATE_LIMITED' },
};
// Params a route's code needs that a status fault cannot carry.
const ROUTE_FAULT_PARAMS = { class: { entity: 'classroom' } };

/**
 * The catalogue error a status fault sends on `route` (whose convention is `dialect`):
 * { dialect, code, params }, the route's own code when it has one, else http HTTP_<status>
 * (null when the catalogue has neither). `values` fills params such as `seconds`.
 */
export function routeFaultCode(lms, route, dialect, status, values = {}) {
  const code = ROUTE_FAULT_CODES[route]?.[status];
  const entry = (code && lms.lookup(code, dialect)) || lms.lookup(`HTTP_${status}`, 'http');
  if (!entry) return null;
  const available = { ...ROUTE_FAULT_PARAMS[route], ...values };
  const params = Object.fromEntries(entry.params.filter((name) => name in available).map((name) => [name, available[name]]));
  if (!entry.params.every((name) => name in params || entry.optionalParams.includes(name))) return null;
  return { dialect: entry.dialect, code: entry.code, params };
}

const DIALECT_FAULT = /^(lms|wrapped|nestjs|okflag|problem|http|network):(.+)$/s;

/** The fault a query string asks for, null for none, or { kind: 'invalid', text }. */
export function parseFault(text) {
  if (text === null || text === undefined || text === '') return null;
  let match;
  if (text === 'offline') return { kind: 'offline' };
  if ((match = /^429:(\d{1,6})$/.exec(text))) return { kind: 'throttle', status: 429, seconds: Number(match[1]) };
  if ((match = /^([45]\d\d)(?:x(\d{1,4}))?$/.exec(text))) {
    return { kind: 'status', status: Number(match[1]), times: match[2] === undefined ? Infinity : Number(match[2]) };
  }
  if ((match = /^slow:(\d{1,6})$/.exec(text))) return { kind: 'slow', ms: Number(match[1]) };
  if ((match = DIALECT_FAULT.exec(text))) return { kind: 'catalogue', dialect: match[1], code: match[2] };
  return { kind: 'invalid', text };
}

/** Per-run call counters, so `503x2` fails exactly the first two calls of one page load. */
export function createFaultState({ maxRuns = 1000 } = {}) {
  const calls = new Map(); // "run fault" -> calls seen
  return {
    /** Counts this call and says whether the fault applies to it. */
    applies(fault, run) {
      if (!fault || fault.kind !== 'status' || fault.times === Infinity) return Boolean(fault);
      const key = `${run ?? ''} ${fault.status}x${fault.times}`;
      const seen = calls.get(key) ?? 0;
      calls.delete(key);
      calls.set(key, seen + 1);
      if (calls.size > maxRuns) calls.delete(calls.keys().next().value); // forget the oldest run
      return seen < fault.times;
    },
  };
}

/** The scripted fault for a request to `route`, from the request's query string. */
export function faultFor(searchParams, route) {
  const on = searchParams.get('faultOn');
  if (on && !on.split(',').map((name) => name.trim()).includes(route)) return null;
  return parseFault(searchParams.get('fault'));
}
