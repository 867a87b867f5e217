// Headless Chromium: a page whose server sends another catalogue revision loads the server's
// catalogue (init({ catalogueUrl })), through the browser's own fetch, Response and Headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { init, REVISION_HEADER } from 'lms-errors';
import { startBrowser } from './support.js';

let session;
before(async () => {
  session = await startBrowser();
});
after(() => session?.stop());

/** The merged catalogue with one message changed, and the revision the build would give it. */
async function changedCatalogue() {
  const document = JSON.parse(await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8'));
  document.dialects.find((file) => file.dialect === 'lms').entries.find((entry) => entry.code === 'LMS-ADM-007').message = 'the update failed';
  delete document.revision;
  const text = JSON.stringify(document);
  const revision = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return text.replace('{"version":1,', `{"version":1,"revision":"${revision}",`);
}

test('a page that sees another revision in an error loads the served catalogue', async () => {
  const catalogue = await changedCatalogue();
  const server = await init({ catalogue }); // the server's newer table, as a Node server emits it
  const page = await session.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let catalogueRequests = 0;
  await page.route('**/errors/catalogue.json', (route) => {
    catalogueRequests++;
    return route.fulfill({ status: 200, contentType: 'application/json', body: catalogue });
  });
  await page.route('**/api/revision-test', (route) => {
    const { status, headers, body } = server.emit('lms', 'LMS-ADM-007');
    return route.fulfill({ status, headers, body });
  });
  await page.goto(`${session.base}/web/demo/index.html`);
  const result = await page.evaluate(async () => {
    const { init: initPage } = await import('/web/index.js');
    const lms = await initPage({ catalogueUrl: '/errors/catalogue.json', retry: { maxAttempts: 1 } });
    const before = [lms.catalogueRevision, lms.lookup('LMS-ADM-007').message];
    const failure = await lms.fetch('/api/revision-test').catch((error) => error);
    for (let i = 0; i < 200 && lms.catalogueRevision === before[0]; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return { before, code: failure.error?.code, after: [lms.catalogueRevision, lms.lookup('LMS-ADM-007').message] };
  });
  const built = JSON.parse(await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8')).revision;
  assert.deepEqual(result.before, [built, 'update failed']);
  assert.equal(result.code, 'LMS-ADM-007');
  assert.deepEqual(result.after, [server.catalogueRevision, 'the update failed']);
  assert.notEqual(server.catalogueRevision, built);
  assert.equal(catalogueRequests, 1);
  assert.equal(server.emit('lms', 'LMS-ADM-007').headers[REVISION_HEADER], server.catalogueRevision);
  assert.deepEqual(errors, []);
  await page.close();
});
