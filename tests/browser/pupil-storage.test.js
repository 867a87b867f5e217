// Storage trouble in Chromium: IndexedDB that throws (blocked by policy, some private modes) and a
// full quota. Practice goes on in memory, the pupil is told in their language to keep the page
// open, every answer is still delivered once, and nothing is uncaught.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'lms-errors';
import { answer, answerKeys, newContext, screenshot, startPupilSession, until } from './pupil-support.js';

let session;
let lms;

before(async () => {
  lms = await init({ locales: ['cy', 'pl'] });
  session = await startPupilSession();
});

after(async () => {
  await session?.stop();
});

const FAILURES = {
  // indexedDB.open throws, as it does where storage is blocked by policy.
  'indexedDB.open throws': () => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  },
  // Every write fails as a full disk makes it fail.
  'quota exceeded': () => {
    IDBObjectStore.prototype.put = function put() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  },
};

for (const [name, failure] of Object.entries(FAILURES)) {
  test(`${name}: practice goes on in memory, the pupil is told, each answer delivered once`, async (t) => {
    const [locale, pupil] = name.startsWith('quota') ? ['pl', 'p5'] : ['cy', 'p4'];
    const { base, stats, keyStats } = session;
    const { context, problems } = await newContext(t, session.browser);
    await context.addInitScript(failure);
    await context.request.post(`${base}/api/session`, { data: { pupilId: pupil } });
    const page = await context.newPage();
    const sent = answerKeys(page);
    await page.goto(`${base}/pupil/?locale=${locale}&noWorker`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('#storage-warning:not([hidden])');
    assert.equal(await page.textContent('#storage-warning'), lms.translate('ui.outbox.memory', {}, { locale, ns: 'common', context: 'pupil' }));
    assert.equal(await page.getAttribute('html', 'data-storage'), 'memory');
    await screenshot(page, `pupil-storage-${locale}`);

    const before = (await stats()).answers;
    await answer(page); // online: sent at once
    await context.setOffline(true);
    await answer(page);
    await answer(page);
    await page.waitForSelector('html[data-outbox="2"]');
    assert.equal(await page.isVisible('#question-card'), true);
    await context.setOffline(false);
    await page.waitForSelector('html[data-outbox="0"]');
    await until(async () => (await stats()).answers === before + 3, 15000, 'three answers stored');
    const mine = Object.values(await keyStats(sent)).filter((key) => key.sentBy.includes(pupil));
    assert.equal(mine.length, 3);
    for (const key of mine) assert.equal(key.stored, 1);
    assert.deepEqual(problems, []);
  });
}
