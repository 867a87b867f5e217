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
