// Offline practice, the service worker's shell and Background Sync, and two tabs, in Chromium
// against the demo server. "Offline" is both: the browser offline (navigator.onLine false) and the
// server's socket closed, so that nothing — page or worker — can reach it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { answer, newContext, screenshot, startPupilSession, storedItems, until } from './pupil-support.js';
import { watch } from './support.js';

let session;

before(async () => {
  session = await startPupilSession();
});

after(async () => {
  await session?.stop();
});

/** Opens /pupil/ signed in as `pupilId` and waits until the worker controls it and holds the shell. */
async function openWithWorker(context, pupilId) {
  await context.request.post(`${session.base}/api/session`, { data: { pupilId } });
  const page = await context.newPage();
  await page.goto(`${session.base}/pupil/`);
  await page.waitForSelector('html[data-ready="true"][data-question]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await until(
    () => page.evaluate(async () => {
      const cache = await caches.open('lms-errors-shell:/pupil/');
      const paths = (await cache.keys()).map((request) => new URL(request.url).pathname);
      return ['/pupil/', '/web/demo/pupil.js', '/dist/lms-errors.js', '/dist/lms_core.wasm', '/web/demo/i18n/en-GB.json'].every((path) => paths.includes(path));
    }),
    20000,
    'the shell in the worker\'s cache',
  );
  return page;
}

async function goOffline(context) {
  await context.setOffline(true);
  await session.offline();
}

async function goOnline(context) {
  await session.online();
  await context.setOffline(false);
}

test('offline: 3 answers, the tab closed, reopened offline from the worker\'s shell, online → 3 stored, each once', async (t) => {
  const { context, problems } = await newContext(t, session.browser);
  let page = await openWithWorker(context, 'p1');
  await goOffline(context);
  for (let i = 0; i < 3; i += 1) await answer(page);
  await page.waitForSelector('html[data-outbox="3"]');
  const keys = (await storedItems(page)).map((item) => item.idempotencyKey);
  assert.equal(keys.length, 3);
  await page.close();

  page = await context.newPage();
  await page.goto(`${session.base}/pupil/`); // no server, no network: the shell
  await page.waitForSelector('html[data-ready="true"][data-question]');
  assert.equal(await page.getAttribute('html', 'data-outbox'), '3');
  assert.equal(await page.isVisible('#question-card'), true, 'practice goes on');
  await screenshot(page, 'pupil-offline-shell');

  await goOnline(context);
  await page.waitForSelector('html[data-outbox="0"]', { timeout: 20000 });
  const seen = await session.keyStats(keys);
  for (const key of keys) assert.deepEqual(seen[key], { requests: 1, stored: 1, sentBy: ['p1'] });
  assert.deepEqual(problems, []);
});

for (const [sender, pupil] of [['Web Locks', 'p2'], ['the IndexedDB lease (no Web Locks)', 'p4']]) {
test(`two tabs, one sender by ${sender}: both show the shared queue, no key is sent twice, counts right`, async (t) => {
  const { context, problems } = await newContext(t, session.browser);
  if (pupil === 'p4') {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true }));
  }
  await context.request.post(`${session.base}/api/session`, { data: { pupilId: pupil } });
  const first = await context.newPage();
  const second = await context.newPage();
  for (const page of [first, second]) {
    await page.goto(`${session.base}/pupil/?noWorker`);
    await page.waitForSelector('html[data-ready="true"][data-question]');
  }
  await context.setOffline(true);
  for (let i = 0; i < 3; i += 1) await answer(first);
  await answer(second);
  // Every tab follows the shared queue.
  await first.waitForSelector('html[data-outbox="4"]');
  await second.waitForSelector('html[data-outbox="4"]');
  const keys = (await storedItems(first)).map((item) => item.idempotencyKey);
  assert.equal(keys.length, 4);

  await context.setOffline(false); // both tabs get `online` and flush at once
  await first.waitForSelector('html[data-outbox="0"]');
  await second.waitForSelector('html[data-outbox="0"]');
  const seen = await session.keyStats(keys);
  for (const key of keys) assert.deepEqual(seen[key], { requests: 1, stored: 1, sentBy: [pupil] }, 'one request per key');
  // The "saved" note goes away in the tab that did not send, too.
  for (const page of [first, second]) assert.notEqual(await page.getAttribute('#feedback', 'data-kind'), 'saved');
  assert.deepEqual(problems, []);
});
}

test('items queued and the tab closed: the service worker delivers them on `sync` (dispatched through the DevTools protocol)', async (t) => {
  const { context, problems } = await newContext(t, session.browser);
  const page = await openWithWorker(context, 'p3');
  await goOffline(context);
  await answer(page);
  await answer(page);
  await page.waitForSelector('html[data-outbox="2"]');
  const keys = (await storedItems(page)).map((item) => item.idempotencyKey);
  await page.close(); // no page of the outbox is left
  await goOnline(context);

  // A page outside the worker's scope, for a DevTools session.
  const other = await context.newPage();
  watch(other, problems);
  await other.goto(`${session.base}/`);
  const cdp = await context.newCDPSession(other);
  const registrations = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => registrations.push(...updated));
  await cdp.send('ServiceWorker.enable');
  const registration = await until(() => registrations.find((candidate) => candidate.scopeURL === `${session.base}/pupil/` && !candidate.isDeleted), 10000, 'the registration');
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: session.base, registrationId: registration.registrationId, tag: 'lms-errors-outbox', lastChance: false });

  const seen = await until(async () => {
    const now = await session.keyStats(keys);
    return keys.every((key) => now[key].stored === 1) ? now : null;
  }, 20000, 'the worker\'s delivery');
  for (const key of keys) assert.deepEqual(seen[key], { requests: 1, stored: 1, sentBy: ['p3'] });
  // The store is empty: a page opened now has nothing to send.
  assert.deepEqual(await storedItems(other), []);
  assert.deepEqual(problems, []);
});
