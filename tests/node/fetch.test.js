// lms.fetch() against a real loopback HTTP server (node:http on 127.0.0.1): failures, 429 with
// headers, dropped connections, hanging requests, and a count of every request received.
// Policies use tiny delays (5-20 ms) so the suite stays fast; server hints are real seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, LmsError } from 'lms-errors';
import { send, serve } from './scripted-server.js';

const FAST = { baseDelayMs: 5, maxDelayMs: 20, budget: false };
const lms = await init({ retry: FAST });

const unavailable = (res) => send(res, 503, { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } });
const ok = (res) => send(res, 200, { ok: true });
const rateLimited = { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 45 seconds.' } };

test('fails twice, then succeeds: the Response is returned and onRetry saw each wait', async () => {
  const server = await serve((req, res, n) => (n <= 2 ? unavailable(res) : ok(res)));
  const retries = [];
  const response = await lms.fetch(server.url, {}, { onRetry: (info) => retries.push(info) });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { ok: true });
  assert.equal(server.requests.length, 3);
  assert.deepEqual(retries.map((r) => r.attempt), [1, 2]);
  for (const { delayMs, error } of retries) {
    assert.ok(delayMs >= 2 && delayMs < 20, `delay ${delayMs}`);
    assert.equal(error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(error.dialect, 'wrapped');
    assert.equal(error.status, 503);
  }
});

test('gives up after maxAttempts and throws LmsError with the normalized error and the decision', async () => {
  const server = await serve((req, res) => unavailable(res));
  const failure = await lms.fetch(server.url).then(() => assert.fail('resolved'), (error) => error);
  assert.ok(failure instanceof LmsError);
  assert.ok(failure instanceof Error);
  assert.equal(failure.name, 'LmsError');
  assert.equal(failure.error.code, 'SERVICE_UNAVAILABLE');
  assert.equal(failure.error.message, 'Service temporarily unavailable');
  assert.deepEqual(failure.decision, { retry: false, delayMs: 0, action: 'retry', reason: 'attempts_exhausted' });
  assert.equal(failure.response.status, 503);
  assert.match(failure.message, /SERVICE_UNAVAILABLE/);
  assert.equal(server.requests.length, 4);
});

test('429 with Retry-After: waits exactly the hint (no jitter), then sends again', async () => {
  const server = await serve((req, res, n) => (n === 1 ? send(res, 429, rateLimited, { 'retry-after': '1' }) : ok(res)));
  const retries = [];
  const started = Date.now();
  const response = await lms.fetch(server.url, {}, { onRetry: (info) => retries.push(info) });
  assert.equal(response.status, 200);
  assert.equal(retries.length, 1);
  assert.equal(retries[0].delayMs, 1000);
  assert.equal(retries[0].error.code, 'RATE_LIMITED');
  assert.ok(Date.now() - started >= 990, 'the wait was slept through');
  assert.equal(server.requests.length, 2);
});

test('429 with X-RateLimit-Reset: waits until the window resets', async () => {
  const resetAt = Math.floor(Date.now() / 1000) + 2; // Unix seconds, as in seed 002
  const server = await serve((req, res, n) =>
    n === 1
      ? send(res, 429, rateLimited, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) })
      : ok(res));
  const retries = [];
  const response = await lms.fetch(server.url, {}, { onRetry: (info) => retries.push(info) });
  assert.equal(response.status, 200);
  assert.equal(retries.length, 1);
  assert.equal(retries[0].error.rateLimit.resetAt, resetAt * 1000);
  assert.ok(retries[0].delayMs > 900 && retries[0].delayMs <= 2000, `delay ${retries[0].delayMs}`);
  assert.ok(Date.now() >= resetAt * 1000 - 5, 'the request went again only after the reset');
  assert.equal(server.requests.length, 2);
});

test('a hint longer than maxRetryAfterMs is not slept through: LmsError says wait, with the delay', async () => {
  const server = await serve((req, res) => send(res, 429, rateLimited, { 'retry-after': '120' }));
  const started = Date.now();
  const failure = await lms.fetch(server.url).catch((error) => error);
  assert.ok(failure instanceof LmsError);
  assert.deepEqual(failure.decision, { retry: false, delayMs: 120000, action: 'wait', reason: 'hint_too_long' });
  assert.ok(Date.now() - started < 1000);
  assert.equal(server.requests.length, 1);
});

test('dropped connections are network failures: retried, then the Response', async () => {
  const server = await serve((req, res, n) => (n <= 2 ? req.socket.destroy() : ok(res)));
  const retries = [];
  const response = await lms.fetch(server.url, {}, { onRetry: (info) => retries.push(info) });
  assert.equal(response.status, 200);
  assert.equal(server.requests.length, 3);
  assert.deepEqual(retries.map((r) => r.error.code), ['NETWORK_ERROR', 'NETWORK_ERROR']);
  assert.equal(retries[0].error.status, 0);
});

test('a dropped connection on every attempt ends in LmsError(NETWORK_ERROR) whose cause is the TypeError', async () => {
  const server = await serve((req) => req.socket.destroy());
  const failure = await lms.fetch(server.url).catch((error) => error);
  assert.ok(failure instanceof LmsError);
  assert.equal(failure.error.code, 'NETWORK_ERROR');
  assert.equal(failure.response, null);
  assert.ok(failure.cause instanceof TypeError);
  assert.equal(server.requests.length, 4);
});

test('POST without an idempotency key is not retried after a 503', async () => {
  const server = await serve((req, res) => unavailable(res));
  const failure = await lms.fetch(server.url, { method: 'POST', body: '{"answer":42}' }).catch((error) => error);
  assert.ok(failure instanceof LmsError);
  assert.deepEqual(failure.decision, { retry: false, delayMs: 0, action: 'retry', reason: 'non_idempotent' });
  assert.equal(server.requests.length, 1);
});

test('options.idempotent: one Idempotency-Key (a UUID) reused on every attempt, body sent each time', async () => {
  const server = await serve((req, res, n) => (n === 1 ? unavailable(res) : n === 2 ? req.socket.destroy() : ok(res)));
  const response = await lms.fetch(server.url, { method: 'POST', body: '{"answer":42}', headers: { 'content-type': 'application/json' } }, { idempotent: true });
  assert.equal(response.status, 200);
  assert.equal(server.requests.length, 3);
  const keys = server.requests.map((r) => r.headers['idempotency-key']);
  assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(new Set(keys).size, 1);
  assert.deepEqual(server.requests.map((r) => r.body), ['{"answer":42}', '{"answer":42}', '{"answer":42}']);
  assert.deepEqual(server.requests.map((r) => r.method), ['POST', 'POST', 'POST']);
  // A second request gets a key of its own.
  const again = await serve((req, res) => ok(res));
  await lms.fetch(again.url, { method: 'POST', body: '{}' }, { idempotent: true });
  assert.notEqual(again.requests[0].headers['idempotency-key'], keys[0]);
});

test('a caller-supplied Idempotency-Key counts as a key and is kept', async () => {
  const server = await serve((req, res, n) => (n === 1 ? unavailable(res) : ok(res)));
  const request = new Request(server.url, { method: 'PATCH', body: 'x', headers: { 'Idempotency-Key': 'order_abc123' } });
  const response = await lms.fetch(request);
  assert.equal(response.status, 200);
  assert.deepEqual(server.requests.map((r) => [r.method, r.headers['idempotency-key'], r.body]), [
    ['PATCH', 'order_abc123', 'x'],
    ['PATCH', 'order_abc123', 'x'],
  ]);
});

test('abort during a wait stops it at once and rejects with the AbortError', async () => {
  const server = await serve((req, res) => unavailable(res));
  const controller = new AbortController();
  const started = Date.now();
  const failure = await lms
    .fetch(server.url, { signal: controller.signal }, { policy: { baseDelayMs: 10_000, maxDelayMs: 10_000, jitter: 'none' }, onRetry: () => setTimeout(() => controller.abort(), 20) })
    .catch((error) => error);
  assert.equal(failure.name, 'AbortError');
  assert.ok(!(failure instanceof LmsError));
  assert.ok(Date.now() - started < 2000, 'did not sleep the 10 s');
  assert.equal(server.requests.length, 1);
});

test('abort while the request is on the wire: LmsError(ABORTED), not retried', async () => {
  const server = await serve(() => {}); // never answers
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  const failure = await lms.fetch(server.url, { signal: controller.signal }).catch((error) => error);
  assert.ok(Date.now() - started < 2000, 'the abort reached the request (not the 30 s timeout)');
  assert.ok(failure instanceof LmsError);
  assert.equal(failure.error.code, 'ABORTED');
  assert.deepEqual(failure.decision, { retry: false, delayMs: 0, action: 'none', reason: 'aborted' });
  assert.equal(failure.cause.name, 'AbortError');
  assert.equal(server.requests.length, 1);
});

test('an already aborted signal sends nothing', async () => {
  const server = await serve((req, res) => ok(res));
  await assert.rejects(lms.fetch(server.url, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(server.requests.length, 0);
});

test('options.timeoutMs: a hanging request becomes TIMEOUT and is retried', async () => {
  const server = await serve((req, res, n) => (n === 1 ? undefined : ok(res)));
  const retries = [];
  const started = Date.now();
  const response = await lms.fetch(server.url, {}, { timeoutMs: 100, onRetry: (info) => retries.push(info) });
  assert.equal(response.status, 200);
  assert.deepEqual(retries.map((r) => r.error.code), ['TIMEOUT']);
  assert.ok(Date.now() - started >= 100);
  assert.equal(server.requests.length, 2);
});

test('a refresh action: refreshToken() is awaited, then the request is sent once more with the new token', async () => {
  const expired = { success: false, error: { code: 'TOKEN_EXPIRED', message: 'JWT has expired' } };
  const server = await serve((req, res) => (req.headers.authorization === 'Bearer fresh' ? ok(res) : send(res, 401, expired)));
  let refreshes = 0;
  const response = await lms.fetch(server.url, { headers: { Authorization: 'Bearer stale' } }, {
    refreshToken: async () => {
      refreshes++;
      return 'fresh';
    },
  });
  assert.equal(response.status, 200);
  assert.equal(refreshes, 1);
  assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer stale', 'Bearer fresh']);

  // Still refused after the refresh: final, with the refresh action for the app (no loop).
  const stuck = await serve((req, res) => send(res, 401, expired));
  const failure = await lms.fetch(stuck.url, {}, { refreshToken: async () => ({ 'X-Session': 'renewed' }) }).catch((error) => error);
  assert.ok(failure instanceof LmsError);
  assert.equal(failure.decision.action, 'refresh');
  assert.deepEqual(stuck.requests.map((r) => r.headers['x-session']), [undefined, 'renewed']);
});

test('without refreshToken a refresh action is final at once', async () => {
  const server = await serve((req, res) => send(res, 401, { success: false, error: { code: 'TOKEN_EXPIRED', message: 'JWT has expired' } }));
  const failure = await lms.fetch(server.url).catch((error) => error);
  assert.deepEqual(failure.decision, { retry: false, delayMs: 0, action: 'refresh', reason: 'never_retry' });
  assert.equal(server.requests.length, 1);
});

test('runtimes without AbortSignal.any (Node 18): the abort and the timeout still reach the request', async () => {
  const any = AbortSignal.any;
  AbortSignal.any = undefined;
  try {
    const server = await serve((req, res, n) => (n <= 2 ? undefined : ok(res))); // the first two hang
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const aborted = await lms.fetch(server.url, { signal: controller.signal }).catch((error) => error);
    assert.equal(aborted.error.code, 'ABORTED');
    assert.ok(Date.now() - started < 2000, 'the abort reached the request (not the 30 s timeout)');
    const retries = [];
    const response = await lms.fetch(server.url, { signal: new AbortController().signal }, { timeoutMs: 100, onRetry: (info) => retries.push(info) });
    assert.equal(response.status, 200);
    assert.deepEqual(retries.map((r) => r.error.code), ['TIMEOUT']);
    assert.equal(server.requests.length, 3);
  } finally {
    AbortSignal.any = any;
  }
});

test('4xx are final: a 404 tells the app to reload', async () => {
  const server = await serve((req, res) => send(res, 404, '<html>Not Found</html>', { 'content-type': 'text/html' }));
  const failure = await lms.fetch(server.url).catch((error) => error);
  assert.ok(failure instanceof LmsError);
  assert.equal(failure.error.status, 404);
  assert.equal(failure.decision.action, 'reload');
  assert.equal(failure.decision.retry, false);
  assert.equal(server.requests.length, 1);
});

test('the instance budget: a burst that empties it stops retries; successes give the tokens back', async () => {
  const budgeted = await init({ retry: { ...FAST, budget: { capacity: 1, retryCost: 1, successRefund: 1, refillPerSecond: 0 } } });
  let failing = true;
  const server = await serve((req, res) => (failing ? unavailable(res) : ok(res)));

  const first = await budgeted.fetch(server.url).catch((error) => error);
  assert.equal(first.decision.reason, 'budget_exhausted');
  assert.equal(server.requests.length, 2, 'one retry, then the bucket was empty');
  const second = await budgeted.fetch(server.url).catch((error) => error);
  assert.equal(second.decision.reason, 'budget_exhausted');
  assert.equal(server.requests.length, 3, 'no retry at all while empty');

  failing = false;
  assert.equal((await budgeted.fetch(server.url)).status, 200); // a first-try success: +1 token
  failing = true;
  const third = await budgeted.fetch(server.url).catch((error) => error);
  assert.equal(third.decision.reason, 'budget_exhausted');
  assert.equal(server.requests.length, 6, 'the refilled token bought one retry');
  // The options.policy of one call can lift the budget for that call only.
  const unlimited = await budgeted.fetch(server.url, {}, { policy: { budget: false } }).catch((error) => error);
  assert.equal(unlimited.decision.reason, 'attempts_exhausted');
});

test('a retried request that succeeds refunds what it withdrew', async () => {
  const budgeted = await init({ retry: { ...FAST, budget: { capacity: 1, retryCost: 1, successRefund: 0, refillPerSecond: 0 } } });
  const server = await serve((req, res, n) => (n % 2 === 1 ? unavailable(res) : ok(res)));
  for (let i = 0; i < 3; i++) assert.equal((await budgeted.fetch(server.url)).status, 200, `round ${i}`);
  assert.equal(server.requests.length, 6);
});

test('lms.fetch refuses bad arguments with a TypeError before sending anything', async () => {
  await assert.rejects(lms.fetch('http://127.0.0.1:9/', 'GET'), TypeError);
  await assert.rejects(lms.fetch('http://127.0.0.1:9/', {}, { onRetry: 'log' }), /onRetry must be a function/);
  await assert.rejects(lms.fetch('http://127.0.0.1:9/', {}, { refreshToken: 'token' }), /refreshToken must be a function/);
  await assert.rejects(lms.fetch('http://127.0.0.1:9/', {}, { timeoutMs: 0 }), /timeoutMs must be a positive number/);
  await assert.rejects(lms.fetch('http://127.0.0.1:9/', {}, { policy: 'fast' }), /policy must be a retry policy object/);
});
