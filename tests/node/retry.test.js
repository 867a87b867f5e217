// lms.decide() against the WASM: the shared vectors (the same files the doctest suite reads,
// so native and WASM provably agree), the per-instance budget, init({ retry }) and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { init } from 'lms-errors';

const vectorsDir = new URL('../vectors/retry/', import.meta.url);
const files = (await readdir(vectorsDir)).filter((name) => name.endsWith('.json')).sort();

for (const file of files) {
  const { cases } = JSON.parse(await readFile(new URL(file, vectorsDir), 'utf8'));
  test(`retry vectors: ${file} (${cases.length} cases)`, async () => {
    for (const vector of cases) {
      const lms = await init(); // a fresh instance: a fresh budget per case, shared by its steps
      for (const step of vector.steps ?? [vector]) {
        if (vector.error) {
          assert.throws(
            () => lms.decide(step.err, step.ctx, vector.policy),
            (error) => error instanceof TypeError && error.message.includes(vector.error),
            vector.name,
          );
        } else {
          assert.deepEqual(lms.decide(step.err, step.ctx, vector.policy), step.expect, vector.name);
        }
      }
    }
  });
}

const unavailable = { dialect: 'http', code: 'HTTP_503', status: 503, message: '', known: true, params: {}, fieldErrors: [], importErrors: [], retryAfterMs: null, rateLimit: null };

test('decide returns a plain object with exactly retry, delayMs, action, reason', async () => {
  const lms = await init();
  const decision = lms.decide(unavailable, { attempt: 1, method: 'GET', random: 0.5 });
  assert.deepEqual(decision, { retry: true, delayMs: 750, action: 'retry', reason: 'transient' });
  assert.equal(Object.getPrototypeOf(decision), Object.prototype);
});

test('without ctx.random the jitter is drawn per call, inside the equal-jitter window', async () => {
  const lms = await init({ retry: { budget: false } });
  const delays = new Set();
  for (let i = 0; i < 50; i++) {
    const { delayMs } = lms.decide(unavailable, { attempt: 3 });
    assert.ok(delayMs >= 2000 && delayMs < 4000, `${delayMs}`);
    delays.add(delayMs);
  }
  assert.ok(delays.size > 10, 'different draws give different waits');
});

test('the budget lives per instance: one exhausted instance does not affect another', async () => {
  const a = await init();
  const b = await init();
  assert.equal(a.decide(unavailable, { attempt: 1 }).retry, true);
  assert.deepEqual(a.decide(unavailable, { attempt: 1 }), { retry: false, delayMs: 0, action: 'retry', reason: 'budget_exhausted' });
  assert.equal(b.decide(unavailable, { attempt: 1 }).retry, true);
  // A per-call policy can switch the budget off, or size it differently, on the same instance.
  assert.equal(a.decide(unavailable, { attempt: 1 }, { budget: false }).retry, true);
});

test('the budget refills with the time the caller passes (ctx.now)', async () => {
  const lms = await init();
  const t0 = 1_700_000_000_000;
  assert.equal(lms.decide(unavailable, { attempt: 1, now: t0 }).retry, true);
  assert.equal(lms.decide(unavailable, { attempt: 1, now: t0 + 49_000 }).reason, 'budget_exhausted');
  assert.equal(lms.decide(unavailable, { attempt: 1, now: t0 + 50_000 }).retry, true);
});

test('init({ retry }) sets the instance default; a third argument overrides parts of it per call', async () => {
  const lms = await init({ retry: { jitter: 'none', baseDelayMs: 10, maxDelayMs: 40, maxAttempts: 6, budget: false } });
  const delays = [1, 2, 3, 4, 5].map((attempt) => lms.decide(unavailable, { attempt }).delayMs);
  assert.deepEqual(delays, [10, 20, 40, 40, 40]);
  assert.equal(lms.decide(unavailable, { attempt: 6 }).reason, 'attempts_exhausted');
  assert.deepEqual(lms.decide(unavailable, { attempt: 1 }, { baseDelayMs: 3 }), { retry: true, delayMs: 3, action: 'retry', reason: 'transient' });
  // Other instances keep the built-in default.
  const plain = await init();
  assert.equal(plain.decide(unavailable, { attempt: 1, random: 0 }).delayMs, 500);
});

test('init({ retry }) refuses a bad policy with a TypeError naming the problem', async () => {
  await assert.rejects(init({ retry: { maxAttempts: 0 } }), (error) => error instanceof TypeError && /maxAttempts/.test(error.message));
  await assert.rejects(init({ retry: 'aggressive' }), TypeError);
  await assert.rejects(init({ retry: { jitter: 'sometimes' } }), /jitter must be "none", "full" or "equal"/);
});

test('decide refuses bad arguments with a clear TypeError and keeps working', async () => {
  const lms = await init();
  assert.throws(() => lms.decide(null, { attempt: 1 }), /err must be an error object/);
  assert.throws(() => lms.decide('HTTP_503', { attempt: 1 }), TypeError);
  assert.throws(() => lms.decide(unavailable), /ctx must be an object/);
  assert.throws(() => lms.decide(unavailable, { attempt: 1 }, 'fast'), /policy must be an object/);
  assert.throws(() => lms.decide(unavailable, { attempt: '1' }), /attempt must be an integer/);
  assert.throws(() => lms.decide(unavailable, { attempt: 1, random: Number.NaN }), /random must be a number/);
  assert.throws(() => lms.decide({ ...unavailable, code: '' }, { attempt: 1 }), /error.code must be a non-empty string/);
  // Extreme but well-formed input: nothing aborts the module.
  const huge = { ...unavailable, retryAfterMs: Number.MAX_SAFE_INTEGER, rateLimit: { limit: 1e300, remaining: -1, resetAt: 1e300 } };
  assert.equal(lms.decide(huge, { attempt: 1, now: Date.now() }).reason, 'hint_too_long');
  assert.equal(lms.decide(unavailable, { attempt: 1, random: 0, method: 'GET' }, { budget: false }).retry, true);
});

test('the errors decide() reads come straight from the catalogue in force', async () => {
  const served = JSON.parse(await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8'));
  const wrapped = served.dialects.find((file) => file.dialect === 'wrapped');
  wrapped.entries.find((entry) => entry.code === 'DATABASE_ERROR').retry = 'never';
  const lms = await init({ catalogue: served });
  const err = { dialect: 'wrapped', code: 'DATABASE_ERROR', status: 500 };
  assert.deepEqual(lms.decide(err, { attempt: 1 }), { retry: false, delayMs: 0, action: 'retry', reason: 'never_retry' });
  assert.equal((await init()).decide(err, { attempt: 1, random: 0 }).delayMs, 500);
});

test('decide() on what parse() and networkError() return: the seeds\' envelopes end to end', async () => {
  const lms = await init({ retry: { budget: false } });
  const now = 1709900355000;
  const json = (status, body, headers = {}) => lms.parse({ status, headers, body: JSON.stringify(body), now });
  const ctx = { attempt: 1, method: 'GET', now, random: 0 };

  // Seed 002's 429 with its rate-limit headers: wait exactly until X-RateLimit-Reset.
  const limited = json(429, { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 45 seconds.' } },
    { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1709900400' });
  assert.deepEqual(lms.decide(limited, ctx), { retry: true, delayMs: 45000, action: 'retry', reason: 'server_hint' });
  // Retry-After as an HTTP-date on a proxy's HTML 503.
  const proxy = lms.parse({ status: 503, headers: { 'Retry-After': 'Fri, 08 Mar 2024 12:20:00 GMT' }, body: '<html>down</html>', now: Date.parse('Fri, 08 Mar 2024 12:19:50 GMT') });
  assert.deepEqual(lms.decide(proxy, ctx), { retry: true, delayMs: 10000, action: 'retry', reason: 'server_hint' });
  // Dialect matters: the same code, retried in one convention and final in the other.
  const wrappedDb = json(500, { success: false, error: { code: 'DATABASE_ERROR', message: 'Database connection or query error' } });
  const nestDb = json(400, { statusCode: 400, code: 'DATABASE_ERROR', message: 'Database error', timestamp: '2024-03-08T12:19:50Z', path: '/api/v1/students' });
  const nestTimeout = json(503, { statusCode: 503, code: 'DATABASE_TIMEOUT', message: 'Database timeout', timestamp: '2024-03-08T12:19:50Z', path: '/api/v1/students' });
  assert.equal(lms.decide(wrappedDb, ctx).reason, 'transient');
  assert.deepEqual(lms.decide(nestDb, ctx), { retry: false, delayMs: 0, action: 'contact', reason: 'never_retry' });
  assert.equal(lms.decide(nestTimeout, ctx).reason, 'transient');
  // CHAIN_BROKEN is never retried; an expired token asks for a refresh.
  assert.deepEqual(lms.decide(json(422, { success: false, error: { code: 'CHAIN_BROKEN', message: 'Hash chain integrity violation detected' } }), ctx),
    { retry: false, delayMs: 0, action: 'contact', reason: 'never_retry' });
  assert.equal(lms.decide(json(401, { code: 'LMS-AUTH-002', error: 'token expired' }), ctx).action, 'refresh');
  // No response at all.
  assert.equal(lms.decide(lms.networkError('offline'), ctx).reason, 'transient');
  assert.equal(lms.decide(lms.networkError('timeout'), { ...ctx, method: 'POST' }).reason, 'non_idempotent');
  assert.deepEqual(lms.decide(lms.networkError('aborted'), ctx), { retry: false, delayMs: 0, action: 'none', reason: 'aborted' });
});
