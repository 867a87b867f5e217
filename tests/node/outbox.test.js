// The outbox's rules in Node, with its in-memory store (Node has no IndexedDB): outcomes decided
// with lms.decide() on real envelopes from lms.emit(), nothing deleted silently, the sign-in
// pause, owners on a shared device, the not-accepted list and its export, the storage fallback.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'lms-errors';
import { Outbox, outcomeOf } from '../../web/outbox.js';

let lms;
before(async () => {
  lms = await init({ locales: ['en-GB', 'cy'] });
});

/** The normalized error a server's emitted envelope parses to, and its decision for a POST with a key. */
function failure(dialect, code, params) {
  const { status, headers, body } = lms.emit(dialect, code, params, {});
  const error = lms.parse({ status, headers, body });
  return { error, decision: lms.decide(error, { attempt: 1, method: 'POST', idempotencyKey: 'k', random: 0.5 }) };
}

/** An outbox whose send answers from `script` (key -> SendResult or a function of the attempt). */
function scripted(script, options = {}) {
  const sent = [];
  const outbox = new Outbox({
    storage: 'memory',
    now: () => 1767225600000,
    ...options,
    send: async (item, context) => {
      sent.push(context.token ? `${item.idempotencyKey}@${context.token}` : item.idempotencyKey);
      const answer = script[item.idempotencyKey];
      return typeof answer === 'function' ? answer(sent.length) : (answer ?? 'delivered');
    },
  });
  const events = [];
  for (const type of ['delivered', 'not-accepted', 'rejected', 'auth-required', 'storage']) {
    outbox.addEventListener(type, (event) => events.push(`${type}:${event.detail.item?.idempotencyKey ?? event.detail.storage}`));
  }
  return { outbox, sent, events };
}

const add = (outbox, key, owner) => outbox.add({ idempotencyKey: key, url: '/api/answers', body: JSON.stringify({ answer: key }), owner });

test('outcomeOf: later for network, timeout, 408, 429, 5xx; sign-in for 401 and 403 refresh/login; not-accepted for the item\'s own 4xx', () => {
  const cases = [
    [{ error: lms.networkError('offline'), decision: lms.decide(lms.networkError('offline'), { attempt: 1, method: 'POST', idempotencyKey: 'k' }) }, 'later'],
    [{ error: lms.networkError('timeout'), decision: null }, 'later'],
    [failure('http', 'HTTP_503'), 'later'],
    [failure('lms', 'LMS-SES-003'), 'later'], // 500 failed to process answer
    [failure('http', 'HTTP_408'), 'later'],
    [failure('lms', 'LMS-AUTH-004'), 'later'], // 429
    [failure('lms', 'LMS-AUTH-001'), 'sign-in'], // 401 missing token: login
    [failure('lms', 'LMS-AUTH-002'), 'sign-in'], // 401 invalid token: refresh
    [failure('lms', 'LMS-AUTH-009'), 'sign-in'],
    [failure('lms', 'LMS-AUTH-003'), 'not-accepted'], // 403 forbidden: contact, not a sign-in
    [failure('lms', 'LMS-SES-001'), 'not-accepted'], // 400 invalid payload
    [failure('lms', 'LMS-SES-002'), 'not-accepted'], // 404 question not found
    [failure('lms', 'LMS-ADM-013'), 'not-accepted'], // 409
  ];
  for (const [{ error, decision }, expected] of cases) assert.equal(outcomeOf(error, decision), expected, `${error.code} ${error.status}`);
  // A 403 whose action is refresh/login is a sign-in; a retry the budget refused is still later.
  assert.equal(outcomeOf({ status: 403 }, { retry: false, action: 'login' }), 'sign-in');
  assert.equal(outcomeOf({ status: 503 }, { retry: false, action: 'retry', reason: 'budget_exhausted' }), 'later');
});

test('flush: delivered leaves, later stays, not-accepted is kept in its list with its reason — nothing is deleted', async () => {
  const rejected = failure('lms', 'LMS-SES-001');
  const { outbox, sent, events } = scripted({ a: 'delivered', b: 'later', c: rejected, d: 'rejected', e: () => Promise.reject(new TypeError('Failed to fetch')) }, { lms });
  for (const key of ['a', 'b', 'c', 'd', 'e']) await add(outbox, key);
  const result = await outbox.flush();
  assert.deepEqual(sent, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(result, { delivered: 1, remaining: 2, notAccepted: 2, paused: false });
  assert.deepEqual((await outbox.list()).map((item) => item.idempotencyKey), ['b', 'e']);
  const kept = await outbox.notAccepted();
  assert.deepEqual(kept.map((item) => item.idempotencyKey), ['c', 'd']);
  assert.equal(kept[0].error.code, 'LMS-SES-001');
  assert.equal(kept[0].body, JSON.stringify({ answer: 'c' }), 'the answer itself is kept');
  assert.equal(kept[0].notAcceptedAt, 1767225600000);
  assert.equal(outbox.reason(kept[0], { locale: 'cy', audience: 'pupil' }), lms.format(rejected.error, { locale: 'cy', audience: 'pupil' }));
  // 'rejected' (the old name) still fires, beside 'not-accepted'.
  assert.deepEqual(events, ['delivered:a', 'not-accepted:c', 'rejected:c', 'not-accepted:d', 'rejected:d']);
  assert.deepEqual(await outbox.stats(), { waiting: 2, others: 0, notAccepted: 2, storage: 'memory', paused: false });

  // Explicit only: put back (and sent), or discarded on request.
  assert.equal(await outbox.retryNotAccepted('d'), true);
  await outbox.flush();
  assert.deepEqual((await outbox.notAccepted()).map((item) => item.idempotencyKey), ['c', 'd']);
  assert.equal(sent.filter((key) => key === 'd').length, 2, 'sent again with the same key');
  await outbox.discardNotAccepted('c');
  assert.deepEqual((await outbox.notAccepted()).map((item) => item.idempotencyKey), ['d']);
  outbox.close();
});

test('a 401 pauses the queue (the item kept, the rest not tried), fires auth-required once; resume() sends again with the same key', async () => {
  let expired = true;
  const auth = failure('lms', 'LMS-AUTH-002');
  const { outbox, sent, events } = scripted({ a: () => (expired ? auth : 'delivered'), b: 'delivered' }, { lms });
  await add(outbox, 'a');
  await add(outbox, 'b');
  const paused = await outbox.flush();
  assert.deepEqual(paused, { delivered: 0, remaining: 2, notAccepted: 0, paused: true });
  assert.deepEqual(sent, ['a']);
  assert.equal(outbox.paused, true);
  assert.deepEqual(events, ['auth-required:a']);
  assert.deepEqual(await outbox.flush(), { delivered: 0, remaining: 2, notAccepted: 0, paused: true }, 'nothing is sent while paused');
  assert.deepEqual(sent, ['a']);

  expired = false; // the pupil signed in again
  outbox.resume();
  await outbox.flush();
  assert.deepEqual(sent, ['a', 'a', 'b']);
  assert.equal(await outbox.count(), 0);
  assert.deepEqual(events, ['auth-required:a', 'delivered:a', 'delivered:b']);
  outbox.close();
});

test('refreshToken: asked once on a sign-in outcome, its token sent with the same key; no token pauses', async () => {
  const auth = failure('lms', 'LMS-AUTH-002');
  const { outbox, sent } = scripted({ a: () => (sent.at(-1) === 'a@fresh' ? 'delivered' : auth) }, { lms, refreshToken: async () => 'fresh' });
  await add(outbox, 'a');
  assert.equal((await outbox.flush()).delivered, 1);
  assert.deepEqual(sent, ['a', 'a@fresh']);
  outbox.close();

  const refusing = scripted({ a: auth }, { lms, refreshToken: async () => undefined });
  await add(refusing.outbox, 'a');
  assert.equal((await refusing.outbox.flush()).paused, true);
  assert.deepEqual(refusing.events, ['auth-required:a']);
  refusing.outbox.close();
});

test('owners: only the signed-in owner\'s items are sent; others wait, counted apart; each is sent once, as its owner', async () => {
  const sentAs = [];
  const outbox = new Outbox({
    storage: 'memory',
    send: async (item) => {
      sentAs.push(`${item.idempotencyKey}:${outbox.owner}`);
      return 'delivered';
    },
  });
  // A wrote two answers, then signed out before anything was sent (owner null: nobody's are sent).
  await add(outbox, 'a1', 'A');
  await add(outbox, 'a2', 'A');
  assert.deepEqual(await outbox.stats(), { waiting: 0, others: 2, notAccepted: 0, storage: 'memory', paused: false });
  await outbox.flush();
  assert.equal(sentAs.length, 0);
  // B signs in on the same device: setOwner() resumes sending, for B only.
  await outbox.setOwner('B');
  await add(outbox, 'b1', 'B');
  await outbox.flush(); // the round setOwner() started may have listed before b1 was added
  await outbox.flush();
  assert.deepEqual(sentAs, ['b1:B'], 'none of A\'s items under B');
  assert.deepEqual(await outbox.stats(), { waiting: 0, others: 2, notAccepted: 0, storage: 'memory', paused: false });
  await outbox.setOwner('A');
  await outbox.flush();
  await outbox.flush();
  assert.deepEqual(sentAs, ['b1:B', 'a1:A', 'a2:A']);
  assert.deepEqual(await outbox.stats(), { waiting: 0, others: 0, notAccepted: 0, storage: 'memory', paused: false });
  await assert.rejects(outbox.add({ idempotencyKey: 'x', url: '/', body: '', owner: 7 }), TypeError);
  outbox.close();
});

test('the built-in sender: POST with the Idempotency-Key and JSON, the server\'s envelope parsed and decided', async () => {
  const requests = [];
  const replies = [
    () => {
      throw new TypeError('Failed to fetch');
    },
    () => {
      const { status, headers, body } = lms.emit('lms', 'LMS-AUTH-001', undefined, {});
      return new Response(body, { status, headers });
    },
    () => new Response(JSON.stringify({ id: 'a1', correct: true }), { status: 201, headers: { 'content-type': 'application/json' } }),
  ];
  const outbox = new Outbox({
    lms,
    storage: 'memory',
    headers: { 'x-school': 'enfys' },
    fetch: async (url, init) => {
      requests.push({ url, method: init.method, key: init.headers.get('idempotency-key'), type: init.headers.get('content-type'), school: init.headers.get('x-school'), auth: init.headers.get('authorization'), body: init.body });
      return replies[requests.length - 1]();
    },
  });
  const authRequired = [];
  const delivered = [];
  outbox.addEventListener('auth-required', (event) => authRequired.push(event.detail.error.code));
  outbox.addEventListener('delivered', (event) => delivered.push(event.detail.result));
  await add(outbox, 'k1');
  assert.equal((await outbox.deliver('k1')).outcome, 'later'); // offline
  assert.equal((await outbox.deliver('k1')).outcome, 'sign-in');
  assert.deepEqual(authRequired, ['LMS-AUTH-001']);
  outbox.resume('tok');
  await new Promise((resolve) => setTimeout(resolve, 10)); // resume() flushes in the background
  assert.deepEqual(delivered, [{ id: 'a1', correct: true }]);
  assert.equal(requests.length, 3);
  for (const request of requests) {
    assert.deepEqual({ ...request, auth: undefined }, { url: '/api/answers', method: 'POST', key: 'k1', type: 'application/json', school: 'enfys', auth: undefined, body: JSON.stringify({ answer: 'k1' }) });
  }
  assert.equal(requests[2].auth, 'Bearer tok');
  assert.equal((await outbox.deliver('k1')).outcome, 'gone');
  outbox.close();
});

test('hold(): an item the app is sending is skipped by flush; deliver() settles it like a flush', async () => {
  const { outbox, sent } = scripted({});
  await add(outbox, 'a');
  await add(outbox, 'b');
  let release;
  const held = outbox.hold('a', () => new Promise((resolve) => { release = resolve; }));
  const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]);
  assert.equal(first, second, 'one round at a time');
  assert.deepEqual(sent, ['b']);
  release();
  await held;
  const settled = await outbox.deliver('a', async () => ({ outcome: 'delivered', result: { ok: 1 } }));
  assert.deepEqual(settled, { outcome: 'delivered', result: { ok: 1 } });
  assert.equal(await outbox.count(), 0);
  outbox.close();
});

test('exportNotAccepted: CSV (quoted, formulas neutralised) and JSON, with the teacher\'s wording', async () => {
  const invalid = failure('lms', 'LMS-SES-001');
  const outbox = new Outbox({ lms, storage: 'memory', now: () => Date.UTC(2026, 11, 6, 9, 30), send: async () => invalid });
  await outbox.setOwner('p1');
  await outbox.add({ idempotencyKey: 'k1', url: '/api/answers', body: '{"answer":"=1+1, \\"x\\""}', owner: 'p1' });
  await outbox.flush(); // joins the round setOwner() started (it may have listed before k1)
  await outbox.flush();
  const csv = await outbox.exportNotAccepted({ locale: 'en-GB' });
  const reason = lms.format(invalid.error, { locale: 'en-GB', audience: 'teacher' });
  assert.equal(
    csv,
    'owner,idempotencyKey,url,body,createdAt,notAcceptedAt,code,status,reason\r\n' +
      `p1,k1,/api/answers,"{""answer"":""=1+1, \\""x\\""""}",2026-12-06T09:30:00.000Z,2026-12-06T09:30:00.000Z,LMS-SES-001,400,${reason}\r\n`,
  );
  assert.match(reason, /\[LMS-SES-001\]$/);
  const json = JSON.parse(await outbox.exportNotAccepted({ format: 'json', locale: 'cy' }));
  assert.equal(json.length, 1);
  assert.equal(json[0].reason, lms.format(invalid.error, { locale: 'cy', audience: 'teacher' }));
  assert.equal(json[0].body, '{"answer":"=1+1, \\"x\\""}');
  await assert.rejects(outbox.exportNotAccepted({ format: 'xml' }), TypeError);
  // A leading = + - @ in a cell is prefixed so that a spreadsheet shows it instead of running it.
  await outbox.add({ idempotencyKey: '=HYPERLINK("x")', url: '/api/answers', body: '{}', owner: 'p1' });
  await outbox.flush();
  assert.match(await outbox.exportNotAccepted(), /\r\np1,"'=HYPERLINK\(""x""\)"/);
  outbox.close();
});

test('no IndexedDB (Node, a blocked browser): the outbox works in memory and says so', async () => {
  assert.equal(typeof globalThis.indexedDB, 'undefined');
  const storage = [];
  const outbox = new Outbox({ send: async () => 'later' });
  outbox.addEventListener('storage', (event) => storage.push(event.detail.storage));
  await add(outbox, 'a');
  assert.deepEqual(storage, ['memory']);
  assert.equal(outbox.storage, 'memory');
  assert.equal(await outbox.count(), 1);
  assert.deepEqual(await outbox.flush(), { delivered: 0, remaining: 1, notAccepted: 0, paused: false });
  outbox.close();
});

test('bad options and items are TypeErrors', async () => {
  assert.throws(() => new Outbox({}), TypeError);
  assert.throws(() => new Outbox({ send: 1 }), TypeError);
  assert.throws(() => new Outbox({ send: async () => 'later', storage: 'disk' }), TypeError);
  assert.throws(() => new Outbox({ send: async () => 'later', refreshToken: 'x' }), TypeError);
  const outbox = new Outbox({ send: async () => 'later', storage: 'memory' });
  for (const bad of [{}, { idempotencyKey: 'x', url: 1, body: '' }, { idempotencyKey: 'x', url: '/', body: {} }]) {
    await assert.rejects(outbox.add(bad), TypeError);
  }
  await assert.rejects(outbox.setOwner(5), TypeError);
  outbox.close();
});
