// The adapters (lms-errors/tanstack-query, /ky, /axios), each driving the REAL library against
// a loopback HTTP server (node:http on 127.0.0.1), counting every request the server received.
// The budget is the default one (one retry in the bank) wherever the test is about the budget:
// the bug was that only the first retry in a whole app happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { QueryClient } from '@tanstack/query-core';
import ky from 'ky';
import axios from 'axios';
import { init } from 'lms-errors';
import { lmsQuery, LmsQueryError } from 'lms-errors/tanstack-query';
import { lmsKy } from 'lms-errors/ky';
import { attachLms } from 'lms-errors/axios';
import { send, serve } from './scripted-server.js';

const FAST = { baseDelayMs: 5, maxDelayMs: 20 }; // the default budget, tiny waits

// A port nothing listens on: fetch, ky and axios all fail to connect.
async function closedUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/api/answers`;
}

const unavailable = (res) => send(res, 503, { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } });
const rateLimited = (res, seconds) =>
  send(res, 429, { success: false, error: { code: 'RATE_LIMITED', message: `Too many requests. Try again in ${seconds} seconds.` } }, { 'retry-after': String(seconds) });
const invalid = (res) =>
  send(res, 400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', data: { errors: [{ field: 'name', message: 'required' }] } });
const ok = (res) => send(res, 200, { ok: true });

// ---- the budget's public side ------------------------------------------------------------------

test('decide(err, ctx, { charge: false }) asks the budget and spends nothing', async () => {
  const lms = await init();
  const err = lms.networkError('offline');
  for (let i = 0; i < 5; i++) assert.equal(lms.decide(err, { attempt: 1 }, { charge: false }).retry, true);
  // The one retry in the bank is still there for the request that acts on it ...
  assert.equal(lms.decide(err, { attempt: 1 }).retry, true);
  // ... and a display-only decision now says what the next retry would meet.
  assert.equal(lms.decide(err, { attempt: 1 }, { charge: false }).reason, 'budget_exhausted');
  // charge sits beside the per-call policy members.
  assert.equal(lms.decide(err, { attempt: 1 }, { charge: false, budget: false }).retry, true);
  assert.throws(() => lms.decide(err, { attempt: 1 }, { charge: 'no' }), /retry context\.charge must be true or false/);
});

test('recordSuccess() gives back what the request\'s retries withdrew; a first-try success adds the refund', async () => {
  const lms = await init();
  const err = lms.networkError('offline');
  const now = 1_700_000_000_000;
  const retried = lms.decide(err, { attempt: 1, now });
  assert.equal(retried.retry, true);
  assert.equal(lms.decide(err, { attempt: 1, now }).reason, 'budget_exhausted');
  lms.recordSuccess([retried, retried], { now }); // the same receipt counts once
  assert.equal(lms.decide(err, { attempt: 1, now }).retry, true);
  // Empty bucket: four first-try successes add 4 tokens, not enough; the fifth is.
  for (let i = 0; i < 4; i++) lms.recordSuccess([], { now });
  assert.equal(lms.decide(err, { attempt: 1, now }, { charge: false }).reason, 'budget_exhausted');
  lms.recordSuccess(undefined, { now });
  assert.equal(lms.decide(err, { attempt: 1, now }).retry, true);
  assert.throws(() => lms.recordSuccess('all'), TypeError);
  assert.throws(() => lms.recordSuccess([], { now: NaN }), TypeError);
});

// ---- normalize() -------------------------------------------------------------------------------

test('normalize(): fetch\'s TypeError, AbortError, TimeoutError, a Response, ky\'s HTTPError, an AxiosError', async () => {
  const lms = await init();
  const server = await serve((req, res) => invalid(res));
  const closed = await closedUrl();

  const offline = await fetch(closed).catch((e) => e);
  assert.ok(offline instanceof TypeError);
  assert.equal((await lms.normalize(offline)).code, 'NETWORK_ERROR');

  const aborted = await fetch(server.url, { signal: AbortSignal.abort() }).catch((e) => e);
  assert.equal(aborted.name, 'AbortError');
  assert.equal((await lms.normalize(aborted)).code, 'ABORTED');

  const hanging = await serve(() => {}); // never answers
  const timedOut = await fetch(hanging.url, { signal: AbortSignal.timeout(50) }).catch((e) => e);
  assert.equal(timedOut.name, 'TimeoutError');
  assert.equal((await lms.normalize(timedOut)).code, 'TIMEOUT');

  const response = await fetch(server.url);
  const fromResponse = await lms.normalize(response);
  assert.deepEqual([fromResponse.dialect, fromResponse.code, fromResponse.status], ['nestjs', 'VALIDATION_FAILED', 400]);
  assert.equal(fromResponse.fieldErrors.length, 1);
  assert.equal((await response.json()).code, 'VALIDATION_FAILED', 'read from a clone: the caller can still read the body');

  const httpError = await ky(server.url, { retry: 0 }).catch((e) => e);
  assert.equal(httpError.name, 'HTTPError');
  assert.deepEqual(await lms.normalize(httpError), fromResponse);

  const axiosError = await axios.get(server.url).catch((e) => e);
  assert.equal(axiosError.isAxiosError, true);
  assert.equal(typeof axiosError.response.data, 'object', 'axios hands over the parsed body');
  assert.deepEqual(await lms.normalize(axiosError), fromResponse);
  const axiosOffline = await axios.get(closed).catch((e) => e);
  assert.equal((await lms.normalize(axiosOffline)).code, 'NETWORK_ERROR');
  const axiosTimeout = await axios.get(hanging.url, { timeout: 50 }).catch((e) => e);
  assert.equal((await lms.normalize(axiosTimeout)).code, 'TIMEOUT');
  const axiosCanceled = await axios.get(server.url, { signal: AbortSignal.abort() }).catch((e) => e);
  assert.equal((await lms.normalize(axiosCanceled)).code, 'ABORTED');

  // Not request failures: nothing to normalize (and so nothing to retry).
  assert.equal(await lms.normalize(new Error('a bug')), null);
  assert.equal(await lms.normalize(new RangeError('a bug')), null);
  assert.equal(await lms.normalize(undefined), null);
  assert.equal(await lms.normalize(new Response('{}', { status: 200 })), null);
  // An error lms already normalized comes back as it is.
  assert.equal(await lms.normalize(fromResponse), fromResponse);
});

test('parse() takes a body that is already an object (axios) and reads it as the same JSON', async () => {
  const lms = await init();
  const body = { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } };
  const now = 1_700_000_000_000;
  const fromObject = lms.parse({ status: 503, headers: { 'Retry-After': '2' }, body, now });
  assert.deepEqual(fromObject, lms.parse({ status: 503, headers: { 'Retry-After': '2' }, body: JSON.stringify(body), now }));
  assert.deepEqual([fromObject.dialect, fromObject.code, fromObject.retryAfterMs], ['wrapped', 'SERVICE_UNAVAILABLE', 2000]);
  assert.equal(lms.parse({ status: 500, body: [1, 2] }).code, 'HTTP_500');
  assert.equal(lms.parse({ status: 500, body: 42 }).code, 'HTTP_500');
  const cyclic = { code: 'X' };
  cyclic.self = cyclic;
  assert.throws(() => lms.parse({ status: 500, body: cyclic }), (e) => e instanceof TypeError && /body is an object that is not JSON/.test(e.message));
  assert.throws(() => lms.parse({ status: 500, body: new Blob(['{}']) }), /body must be a string, Uint8Array, ArrayBuffer, a parsed JSON value/);
});

// ---- TanStack Query ----------------------------------------------------------------------------

function queryClient(adapter) {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: adapter.retry, retryDelay: adapter.retryDelay, networkMode: 'always' },
      mutations: { retry: adapter.retry, retryDelay: adapter.retryDelay, networkMode: 'always' },
    },
  });
}

test('TanStack Query: every query that fails once is retried (successes pay the budget back)', async () => {
  const lms = await init({ retry: FAST }); // the default budget: one retry in the bank
  const q = lmsQuery(lms);
  const client = queryClient(q);
  // Each query's first request fails, its retry succeeds: five queries, five retries.
  const server = await serve((req, res) => (req.headers['x-try'] === '1' ? unavailable(res) : ok(res)));
  for (let i = 0; i < 5; i++) {
    let tries = 0;
    const data = await client.fetchQuery({
      queryKey: ['answers', i],
      queryFn: q.queryFn(() => fetch(server.url, { headers: { 'x-try': String(++tries) } })),
    });
    assert.deepEqual(data, { ok: true });
    assert.equal(tries, 2, `query ${i} was retried`);
  }
  assert.equal(server.requests.length, 10);
});

test('TanStack Query: a 429 with Retry-After: 1 waits exactly 1 s; a 400 is not retried and carries its decision', async () => {
  const lms = await init({ retry: FAST });
  const q = lmsQuery(lms);
  const client = queryClient(q);
  const times = [];
  const server = await serve((req, res, n) => {
    times.push(Date.now());
    if (n === 1) rateLimited(res, 1);
    else ok(res);
  });
  assert.deepEqual(await client.fetchQuery({ queryKey: ['limited'], queryFn: q.queryFn(() => fetch(server.url)) }), { ok: true });
  assert.equal(server.requests.length, 2);
  assert.ok(times[1] - times[0] >= 990, `waited ${times[1] - times[0]} ms`);

  const bad = await serve((req, res) => invalid(res));
  const failure = await client.fetchQuery({ queryKey: ['bad'], queryFn: q.queryFn(() => fetch(bad.url)) }).catch((e) => e);
  assert.ok(failure instanceof LmsQueryError);
  assert.equal(failure.error.code, 'VALIDATION_FAILED');
  assert.deepEqual(failure.decision, { retry: false, delayMs: 0, action: 'fix', reason: 'never_retry' });
  assert.equal(failure.response.status, 400);
  assert.equal(bad.requests.length, 1);
});

test('TanStack Query: offline queries are retried by the policy; a bug in the query function is not', async () => {
  const lms = await init({ retry: { ...FAST, budget: false } });
  const q = lmsQuery(lms);
  const client = queryClient(q);
  const closed = await closedUrl();
  const failure = await client.fetchQuery({ queryKey: ['offline'], queryFn: q.queryFn(() => fetch(closed)) }).catch((e) => e);
  assert.ok(failure instanceof LmsQueryError);
  assert.equal(failure.error.code, 'NETWORK_ERROR');
  assert.equal(failure.decision.reason, 'attempts_exhausted');
  assert.ok(failure.cause instanceof TypeError);

  let calls = 0;
  const bug = await client.fetchQuery({ queryKey: ['bug'], queryFn: q.queryFn(() => { calls++; throw new RangeError('a bug'); }) }).catch((e) => e);
  assert.ok(bug instanceof RangeError);
  assert.equal(calls, 1);
});

test('TanStack Query mutations: POST is retried after a 5xx only with an idempotency key', async () => {
  const lms = await init({ retry: { ...FAST, budget: false } });
  const q = lmsQuery(lms);
  const client = queryClient(q);
  const server = await serve((req, res, n) => (n <= 2 ? unavailable(res) : ok(res)));
  const post = (answer) => fetch(server.url, { method: 'POST', headers: { 'Idempotency-Key': answer.key }, body: '{}' });
  const plain = await client.getMutationCache().build(client, { mutationFn: q.mutationFn(post) }).execute({ key: 'k-0' }).catch((e) => e);
  assert.equal(plain.decision.reason, 'non_idempotent');
  assert.equal(server.requests.length, 1);
  const keyed = client.getMutationCache().build(client, { mutationFn: q.mutationFn(post, { idempotencyKey: (answer) => answer.key }) });
  assert.deepEqual(await keyed.execute({ key: 'k-1' }), { ok: true });
  assert.deepEqual(server.requests.map((r) => r.headers['idempotency-key']), ['k-0', 'k-1', 'k-1']);
  assert.throws(() => q.mutationFn(post, { idempotencyKey: 'k-2' }), TypeError);
});

// ---- ky ------------------------------------------------------------------------------------------

test('ky: 503 twice then 200 resolves; every request that fails once is retried (successes pay back)', async () => {
  const lms = await init({ retry: FAST });
  const api = ky.create(lmsKy(lms));
  const server = await serve((req, res, n) => (n <= 2 ? unavailable(res) : ok(res)));
  const budgetless = ky.create(lmsKy(lms, { policy: { budget: false } }));
  assert.deepEqual(await budgetless(server.url).json(), { ok: true });
  assert.equal(server.requests.length, 3);

  const flaky = await serve((req, res, n) => (n % 2 === 1 ? unavailable(res) : ok(res)));
  for (let i = 0; i < 4; i++) assert.deepEqual(await api(flaky.url).json(), { ok: true });
  assert.equal(flaky.requests.length, 8);
});

test('ky: 429 with Retry-After is retried for POST too, after the hint; a 400 throws HTTPError with .error and .decision', async () => {
  const lms = await init({ retry: FAST });
  const api = ky.create(lmsKy(lms));
  const times = [];
  const server = await serve((req, res, n) => {
    times.push(Date.now());
    if (n === 1) rateLimited(res, 1);
    else ok(res);
  });
  assert.deepEqual(await api.post(server.url, { json: {} }).json(), { ok: true });
  assert.deepEqual(server.requests.map((r) => r.method), ['POST', 'POST']);
  assert.ok(times[1] - times[0] >= 990, `waited ${times[1] - times[0]} ms`);

  const bad = await serve((req, res) => invalid(res));
  const failure = await api(bad.url).catch((e) => e);
  assert.equal(failure.name, 'HTTPError');
  assert.equal(failure.error.code, 'VALIDATION_FAILED');
  assert.equal(failure.decision.reason, 'never_retry');
  assert.equal(bad.requests.length, 1);

  const down = await serve((req, res) => unavailable(res));
  const post = await api.post(down.url, { json: {} }).catch((e) => e);
  assert.equal(post.decision.reason, 'non_idempotent');
  assert.equal(down.requests.length, 1);
  const keyed = await api.post(down.url, { json: {}, headers: { 'Idempotency-Key': 'k-2' } }).catch((e) => e);
  assert.equal(keyed.decision.reason, 'budget_exhausted');
  assert.equal(down.requests.length, 3, 'one retry in the bank, then the budget says stop');
});

test('ky: network failures and timeouts are retried by the policy', async () => {
  const lms = await init({ retry: { ...FAST, budget: false } });
  const api = ky.create(lmsKy(lms));
  const closed = await closedUrl();
  const offline = await api(closed).catch((e) => e);
  assert.ok(offline instanceof TypeError || offline.name === 'NetworkError', `fetch's TypeError (ky 1) or ky 2's NetworkError: ${offline}`);
  assert.equal(offline.error.code, 'NETWORK_ERROR');
  assert.equal(offline.decision.reason, 'attempts_exhausted');

  // The first request is never answered; ky's timeout ends it and the policy retries it.
  const hangsOnce = await serve((req, res, n) => (n === 1 ? undefined : ok(res)));
  assert.deepEqual(await api(hangsOnce.url, { timeout: 1500 }).json(), { ok: true });
  assert.ok(hangsOnce.requests.length >= 2, `${hangsOnce.requests.length} requests`);
});

// ---- axios ---------------------------------------------------------------------------------------

test('axios: 503 twice then 200 resolves; every request that fails once is retried (successes pay back)', async () => {
  const lms = await init({ retry: FAST });
  const budgetless = axios.create();
  attachLms(budgetless, lms, { policy: { budget: false } });
  const server = await serve((req, res, n) => (n <= 2 ? unavailable(res) : ok(res)));
  assert.deepEqual((await budgetless.get(server.url)).data, { ok: true });
  assert.equal(server.requests.length, 3);

  const api = axios.create();
  attachLms(api, lms);
  const flaky = await serve((req, res, n) => (n % 2 === 1 ? unavailable(res) : ok(res)));
  for (let i = 0; i < 4; i++) assert.deepEqual((await api.get(flaky.url)).data, { ok: true });
  assert.equal(flaky.requests.length, 8);
});

test('axios: a 400 rejects with the AxiosError carrying .error and .decision; offline is retried; eject() removes it', async () => {
  const lms = await init({ retry: { ...FAST, budget: false } });
  const api = axios.create();
  const detach = attachLms(api, lms);
  const bad = await serve((req, res) => invalid(res));
  const failure = await api.get(bad.url).catch((e) => e);
  assert.equal(failure.isAxiosError, true);
  assert.equal(failure.error.code, 'VALIDATION_FAILED');
  assert.equal(failure.error.fieldErrors[0].field, 'name');
  assert.equal(failure.decision.reason, 'never_retry');
  assert.equal(bad.requests.length, 1);

  const down = await serve((req, res) => unavailable(res));
  const post = await api.post(down.url, {}).catch((e) => e);
  assert.equal(post.decision.reason, 'non_idempotent');
  const keyed = await api.post(down.url, {}, { headers: { 'Idempotency-Key': 'k-3' } }).catch((e) => e);
  assert.equal(keyed.decision.reason, 'attempts_exhausted');
  assert.equal(down.requests.length, 1 + 4);

  const offline = await api.get(await closedUrl()).catch((e) => e);
  assert.equal(offline.error.code, 'NETWORK_ERROR');
  assert.equal(offline.decision.reason, 'attempts_exhausted');

  detach();
  const plain = await api.get(down.url).catch((e) => e);
  assert.equal(plain.error, undefined);
  assert.equal(down.requests.length, 5 + 1);
  assert.throws(() => attachLms({}, lms), TypeError);
});

// ---- types ---------------------------------------------------------------------------------------

test('the adapters, normalize(), recordSuccess() and { charge: false } type-check in a strict TypeScript app', async (t) => {
  const { execFile } = await import('node:child_process');
  const { mkdir, mkdtemp, rm, symlink, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'lms-errors-adapter-types-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'node_modules/@tanstack'), { recursive: true });
  await symlink(root, join(dir, 'node_modules/lms-errors'), 'dir');
  for (const name of ['ky', 'axios', '@tanstack/query-core']) await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  const typeCheck = async (source) => {
    await writeFile(join(dir, 'app.ts'), source);
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', join(dir, 'app.ts')];
    return new Promise((resolve) => {
      execFile(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...args], { cwd: dir }, (error, stdout, stderr) => resolve(error ? `${stdout}${stderr}` : ''));
    });
  };

  const good = await typeCheck(`import { init, type NormalizedError, type RetryDecision } from 'lms-errors';
import { lmsQuery, LmsQueryError } from 'lms-errors/tanstack-query';
import { lmsKy } from 'lms-errors/ky';
import { attachLms } from 'lms-errors/axios';
import { QueryClient } from '@tanstack/query-core';
import ky from 'ky';
import axios from 'axios';

const lms = await init();
const q = lmsQuery(lms, { policy: { maxAttempts: 3 } });
const client = new QueryClient({ defaultOptions: { queries: { retry: q.retry, retryDelay: q.retryDelay } } });
const data = await client.fetchQuery({ queryKey: ['a'], queryFn: q.queryFn(({ signal }: { signal: AbortSignal }) => fetch('/a', { signal })) });
console.log(data);
const save = q.mutationFn((answer: { id: string }) => fetch('/a', { method: 'POST', headers: { 'Idempotency-Key': answer.id } }), { idempotencyKey: (answer) => answer.id });
await save({ id: 'k' }, undefined);
const api = ky.create({ ...lmsKy(lms) });
await api.get('/a').json();
const detach: () => void = attachLms(axios, lms);
detach();
attachLms(axios.create(), lms, { policy: { budget: false } });
try {
  await client.fetchQuery({ queryKey: ['b'], queryFn: q.queryFn(() => fetch('/b')) });
} catch (e) {
  if (e instanceof LmsQueryError) {
    const error: NormalizedError = e.error;
    const decision: RetryDecision | null = e.decision;
    console.log(error.code, decision?.reason, e.response?.status);
  }
}
const normalized: NormalizedError | null = await lms.normalize(new TypeError('fetch failed'));
const shown = lms.decide(lms.networkError('offline'), { attempt: 1 }, { charge: false, maxAttempts: 2 });
lms.recordSuccess([shown]);
lms.recordSuccess();
lms.parse({ status: 503, body: { success: false, error: { code: 'X', message: 'x' } } });
console.log(normalized?.code);
`);
  assert.equal(good, '');

  const bad = await typeCheck(`import { init } from 'lms-errors';
import { lmsQuery } from 'lms-errors/tanstack-query';
const lms = await init();
lms.decide(lms.networkError('offline'), { attempt: 1 }, { charge: 'no' });
lms.recordSuccess('all');
lmsQuery(lms).retry('1', null);
lmsQuery(lms).mutationFn((v: { id: string }) => v, { idempotencyKey: 'k' });
`);
  assert.match(bad, /app\.ts\(4,[^)]*\): error TS2322/);
  assert.match(bad, /app\.ts\(5,[^)]*\): error TS2345/);
  assert.match(bad, /app\.ts\(6,[^)]*\): error TS2345/);
  assert.match(bad, /app\.ts\(7,[^)]*\): error TS2322/);
});
