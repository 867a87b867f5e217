// The pupil page's sign-in flows in Chromium against the demo server: a session that expires while
// answers wait, and a shared Chromebook where two pupils take turns. Nothing is lost, nothing is
// sent twice, nothing is sent under another pupil's session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'lms-errors';
import { answer, answerKeys, newContext, screenshot, signInAs, startPupilSession, storedItems, until } from './pupil-support.js';

let session;
let lms;

before(async () => {
  lms = await init({ locales: ['en-GB', 'cy'] });
  session = await startPupilSession();
});

after(async () => {
  await session?.stop();
});

const common = (key, params, locale) => lms.translate(key, params ?? {}, { locale, ns: 'common', context: 'pupil' });

test('the session expires while answers wait: kept, the pupil is asked to sign in, then each is delivered once', async (t) => {
  const { base, keyStats } = session;
  const { context, problems } = await newContext(t, session.browser);
  const page = await context.newPage();
  await page.goto(`${base}/pupil/?locale=cy&sessionTtl=3&noWorker`);
  await signInAs(page, 'p1');
  const signedInAt = Date.now();
  await page.waitForSelector('html[data-question]');

  await context.setOffline(true);
  await answer(page);
  await answer(page);
  await page.waitForSelector('html[data-outbox="2"]');
  assert.equal(await page.textContent('#feedback'), common('ui.outbox.saved', {}, 'cy'));
  assert.equal(await page.isVisible('#question-card'), true, 'practice goes on offline');
  const keys = (await storedItems(page)).map((item) => item.idempotencyKey);
  assert.equal(keys.length, 2);

  // The session ends on the server while the Chromebook is offline; then the Wi-Fi comes back.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedInAt + 3500 - Date.now())));
  await context.setOffline(false);
  await page.waitForSelector('#sign-in:not([hidden])');
  assert.equal(await page.textContent('#sign-in-reason'), common('ui.outbox.signIn', {}, 'cy'));
  assert.equal(await page.getAttribute('html', 'data-outbox'), '2', 'both answers kept');
  let now = await keyStats(keys);
  const tried = keys.filter((key) => now[key].requests > 0);
  assert.ok(tried.length <= 1, 'the queue paused at the first 401');
  for (const key of tried) assert.deepEqual(now[key], { requests: 1, stored: 0, sentBy: [''] });
  await screenshot(page, 'pupil-session-expired');

  await signInAs(page, 'p1');
  await page.waitForSelector('html[data-outbox="0"]');
  now = await keyStats(keys);
  for (const key of keys) {
    assert.equal(now[key].stored, 1, 'delivered once');
    assert.equal(now[key].sentBy.at(-1), 'p1', 'under the pupil\'s new session');
  }
  assert.equal(await page.isVisible('#question-card'), true);
  assert.deepEqual(problems, []);
});

test('a shared Chromebook: A\'s answers wait through A\'s expiry and B\'s turn, never sent as B; A signs in again and each is delivered once, as A', async (t) => {
  const { base, keyStats } = session;
  const { context, problems } = await newContext(t, session.browser);
  const page = await context.newPage();
  const sent = answerKeys(page);
  await page.goto(`${base}/pupil/?sessionTtl=4&noWorker`);
  await signInAs(page, 'p1');
  const signedInAt = Date.now();
  await page.waitForSelector('html[data-question]');
  await context.setOffline(true);
  await answer(page);
  await answer(page);
  await page.waitForSelector('html[data-outbox="2"]');
  const keysOfA = (await storedItems(page)).map((item) => item.idempotencyKey);
  assert.deepEqual((await storedItems(page)).map((item) => item.owner), ['p1', 'p1']);

  // Signing out with answers waiting says so first; "stay signed in" keeps everything.
  await page.click('#sign-out');
  await page.waitForSelector('#sign-out-confirm:not([hidden])');
  assert.equal(await page.textContent('#sign-out-waiting'), common('ui.outbox.signOutWaiting', { count: 2 }, 'en-GB'));
  await screenshot(page, 'pupil-sign-out-waiting');
  await page.click('#stay-signed-in');
  assert.equal(await page.isVisible('#sign-out-confirm'), false);
  assert.equal(await page.getAttribute('html', 'data-pupil'), 'p1');

  // A's session ends; the page asks for a sign-in and B takes the Chromebook.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedInAt + 4500 - Date.now())));
  await context.setOffline(false);
  await page.waitForSelector('#sign-in:not([hidden])');
  await signInAs(page, 'p2');
  await page.waitForSelector('html[data-outbox="0"][data-outbox-others="2"]');
  await page.waitForSelector('#question-card:not([hidden])');
  await answer(page);
  await until(async () => Object.values(await keyStats(sent.filter((key) => !keysOfA.includes(key)))).some((key) => key.sentBy.includes('p2') && key.stored === 1), 15000, 'B\'s answer');
  await page.waitForTimeout(500); // a wrong send of A's items would happen now
  let now = await keyStats(keysOfA);
  for (const key of keysOfA) {
    assert.ok(!now[key].sentBy.includes('p2'), 'none of A\'s answers under B');
    assert.equal(now[key].stored, 0);
  }
  await screenshot(page, 'pupil-shared-b');

  // B signs out (nothing of B's waits: no question asked), A signs in again.
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  assert.equal(await page.isVisible('#sign-out-confirm'), false);
  await signInAs(page, 'p1');
  await page.waitForSelector('html[data-outbox="0"][data-outbox-others="0"]');
  now = await keyStats(keysOfA);
  for (const key of keysOfA) {
    assert.equal(now[key].stored, 1, 'delivered once');
    assert.deepEqual(now[key].sentBy.filter((pupil) => pupil !== ''), ['p1'], 'sent as A, once');
  }
  // The server stored them as A's: the teacher's list shows A's name on them.
  const recent = await (await fetch(`${base}/api/teacher/class`)).json();
  const names = new Map(recent.pupils.map((pupil) => [pupil.id, `${pupil.firstName} ${pupil.lastName}`]));
  assert.equal(recent.recentAnswers.filter((row) => row.pupil === names.get('p1')).length >= 2, true);
  assert.deepEqual(problems, []);
});

test('"Sign in again" on an <lms-error> opens the page\'s sign-in instead of leaving the page', async (t) => {
  const { base } = session;
  const { context, problems } = await newContext(t, session.browser);
  const page = await context.newPage();
  await page.goto(`${base}/pupil/?noWorker`);
  await signInAs(page, 'p3');
  await page.goto(`${base}/pupil/?noWorker&fault=lms:LMS-AUTH-002&faultOn=question`);
  await page.waitForSelector('lms-error[data-code="LMS-AUTH-002"]');
  const url = page.url();
  await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('[part~="action"]').click());
  await page.waitForSelector('#sign-in:not([hidden])');
  assert.equal(page.url(), url, 'no navigation');
  await signInAs(page, 'p3');
  assert.deepEqual(problems, []);
});

test('fault=500x5&faultOn=answers: the countdown talks about the answer, then the answer is saved and sent once', async (t) => {
  const { base, keyStats } = session;
  const { context, problems } = await newContext(t, session.browser);
  await context.addInitScript(() => {
    window.__shown = [];
    new MutationObserver(() => {
      for (const host of document.querySelectorAll('lms-error')) window.__shown.push(`${host.dataset.code}|${host.shadowRoot?.querySelector('[part~="message"]')?.textContent}`);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await context.request.post(`${base}/api/session`, { data: { pupilId: 'p6' } });
  const page = await context.newPage();
  const sent = answerKeys(page);
  await page.goto(`${base}/pupil/?noWorker&fault=500x5&faultOn=answers`);
  await page.waitForSelector('html[data-ready="true"][data-question]');
  await answer(page);
  await page.waitForSelector('#feedback[data-kind="saved"]', { timeout: 30000 });
  const shown = [...new Set(await page.evaluate(() => window.__shown))].filter((entry) => !entry.startsWith('undefined'));
  assert.ok(shown.length > 0, 'the retries were shown');
  const expected = lms.format({ dialect: 'lms', code: 'LMS-SES-003', status: 500, message: '', params: {}, fieldErrors: [], importErrors: [] }, { locale: 'en-GB', audience: 'pupil', withCode: false });
  for (const entry of shown) assert.equal(entry, `LMS-SES-003|${expected}`);
  // The fifth request of this page load succeeds: the outbox delivers the saved answer, once.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForSelector('html[data-outbox="0"]', { timeout: 30000 });
  const mine = Object.values(await keyStats(sent)).filter((key) => key.sentBy.includes('p6'));
  assert.equal(mine.length, 1);
  assert.equal(mine[0].stored, 1);
  assert.deepEqual(problems, []);
});
