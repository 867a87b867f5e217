// The demo API's sign-in and question batches (web/demo/sessions.js, api.js): sessions that
// expire, answers stored as the signed-in pupil, 401s in the lms convention the outbox acts on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'lms-errors';
import { createSessions, ttlSeconds } from '../../web/demo/sessions.js';
import { parsedResponse, startDemoServer } from './demo-support.js';

let demo;
let base;
let lms;

before(async () => {
  lms = await init();
  demo = await startDemoServer('lms-demo-session-');
  base = demo.base;
});

after(() => demo.close());

const parsed = (response) => parsedResponse(lms, response);
const signIn = async (pupilId, query = '') => {
  const response = await fetch(`${base}/api/session${query}`, { method: 'POST', body: JSON.stringify({ pupilId }) });
  return { response, cookie: response.headers.get('set-cookie')?.split(';')[0] };
};
const postAnswer = (cookie, key) =>
  fetch(`${base}/api/answers`, { method: 'POST', headers: { 'idempotency-key': key, ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ questionId: 'q3', answer: '18' }) });

test('sessions: a table with expiry, the clock as a parameter', () => {
  let now = 1000;
  const sessions = createSessions({ now: () => now, defaultTtlSeconds: 60 });
  const { token, expiresAt } = sessions.create('p1');
  assert.equal(expiresAt, 61000);
  assert.deepEqual(sessions.lookup(token), { state: 'valid', pupilId: 'p1', expiresAt: 61000 });
  assert.deepEqual(sessions.lookup(null), { state: 'none' });
  assert.deepEqual(sessions.lookup('forged'), { state: 'expired' });
  now = 61000;
  assert.deepEqual(sessions.lookup(token), { state: 'expired', pupilId: 'p1' });
  const second = sessions.create('p2', 5);
  sessions.end(second.token);
  assert.deepEqual(sessions.lookup(second.token), { state: 'expired' });
  for (const bad of ['0', '-1', '1.5', '86401', '', 'abc', undefined]) assert.equal(ttlSeconds(bad), null, String(bad));
  assert.equal(ttlSeconds('30'), 30);
});

test('sign-in sets an HttpOnly cookie; GET /api/session says who; sign-out ends it', async () => {
  const pupils = await (await fetch(`${base}/api/pupils`)).json();
  assert.deepEqual(pupils.pupils[0], { id: 'p1', firstName: 'Cerys' });
  const { response, cookie } = await signIn('p2');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('set-cookie'), /^lms-demo-session=[0-9a-f-]{36}; Path=\/; HttpOnly; SameSite=Strict$/);
  assert.equal((await response.json()).pupil.firstName, 'Aled');
  assert.deepEqual((await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).pupil, { id: 'p2', firstName: 'Aled' });
  assert.deepEqual(await (await fetch(`${base}/api/session`)).json(), { pupil: null });
  const out = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie } });
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  assert.deepEqual(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json(), { pupil: null });
  assert.equal((await parsed(await postAnswer(cookie, 'after-sign-out'))).code, 'LMS-AUTH-002');
  // Bad sign-ins get catalogue errors.
  assert.equal((await parsed((await signIn('nobody')).response)).code, 'LMS-AUTH-006');
  assert.equal((await parsed((await signIn('p1', '?sessionTtl=0')).response)).code, 'LMS-AUTH-010');
  assert.equal((await parsed(await fetch(`${base}/api/session`, { method: 'POST', body: '{' }))).code, 'LMS-AUTH-010');
});

test('answers: 401 LMS-AUTH-001 without a session, LMS-AUTH-002 once it expired, stored as the signed-in pupil', async () => {
  const missing = await parsed(await postAnswer(null, 'no-session'));
  assert.deepEqual([missing.status, missing.code], [401, 'LMS-AUTH-001']);
  const { cookie } = await signIn('p3', '?sessionTtl=1');
  const stored = await postAnswer(cookie, 'in-time');
  assert.equal(stored.status, 201);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const expired = await parsed(await postAnswer(cookie, 'too-late'));
  assert.deepEqual([expired.status, expired.code], [401, 'LMS-AUTH-002']);
  const seen = async (key) => (await (await fetch(`${base}/api/stats?key=${key}`)).json()).key;
  assert.deepEqual(await seen('no-session'), { requests: 1, stored: 0, sentBy: [''] });
  assert.deepEqual(await seen('in-time'), { requests: 1, stored: 1, sentBy: ['p3'] });
  assert.deepEqual(await seen('too-late'), { requests: 1, stored: 0, sentBy: [''] });
  const dashboard = await (await fetch(`${base}/api/teacher/class`)).json();
  assert.equal(dashboard.recentAnswers.find((row) => row.question === '6 × 3').pupil, 'Zofia Nowak');
});

test('questions come in batches after a given one, wrapping round', async () => {
  const { questions } = await (await fetch(`${base}/api/questions?after=q5&n=3`)).json();
  assert.deepEqual(questions.map((question) => [question.id, question.number, question.of]), [['q6', 6, 6], ['q1', 1, 6], ['q2', 2, 6]]);
  assert.equal((await (await fetch(`${base}/api/questions`)).json()).questions.length, 5);
  assert.equal((await (await fetch(`${base}/api/questions?n=500`)).json()).questions.length, 20);
  const single = await (await fetch(`${base}/api/question?after=q1`)).json();
  assert.deepEqual(single, { id: 'q2', text: '9 − 4', number: 2, of: 6 });
  // Faults reach the batch route as the question route (faultOn=question).
  const fault = await parsed(await fetch(`${base}/api/questions?fault=lms:LMS-SES-005&faultOn=question`));
  assert.equal(fault.code, 'LMS-SES-005');
});

test('a scripted 500 on the pupil routes is their own error: about the answer, about the questions', async () => {
  const { cookie } = await signIn('p1');
  const onAnswer = await parsed(await fetch(`${base}/api/answers?fault=500x5&faultOn=answers&run=s1`, { method: 'POST', headers: { cookie, 'idempotency-key': 'fault-500' }, body: '{}' }));
  assert.deepEqual([onAnswer.status, onAnswer.code], [500, 'LMS-SES-003']);
  const onQuestions = await parsed(await fetch(`${base}/api/questions?fault=500x5&run=s1`));
  assert.deepEqual([onQuestions.status, onQuestions.code], [500, 'LMS-SES-004']);
  // Other statuses keep the first fitting entry of the route's convention.
  assert.equal((await parsed(await fetch(`${base}/api/questions?fault=503x5&run=s1`))).status, 503);
});
