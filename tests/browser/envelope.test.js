// Headless Chromium: the envelope API with a browser's own Response and Headers objects, and
// bodies as ArrayBuffers straight from response.arrayBuffer().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './support.js';

let session;
let browser;
let base;

before(async () => {
  session = await startBrowser();
  ({ browser, base } = session);
});

after(() => session?.stop());

test('parse, emit and networkError work in Chromium with fetch Response objects', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/web/demo/index.html`);
  const result = await page.evaluate(async () => {
    const { init } = await import('/web/index.js');
    const lms = await init();
    const now = Date.UTC(2024, 2, 8, 12, 20, 0);
    // A nestjs import envelope, as fetch hands it over: Headers and an ArrayBuffer body.
    const importBody = JSON.stringify({
      statusCode: 422, code: 'IMPORT_VALIDATION_FAILED', message: 'Import validation failed',
      data: { errors: [{ code: 'FIELD_INVALID', column: 'gender', rows: '2-5, 8', allowedValues: ['MALE', 'FEMALE'] }] },
    });
    const response = new Response(importBody, { status: 422, headers: { 'Content-Type': 'application/json', 'Retry-After': '30', 'X-Request-Id': 'r-1' } });
    const imported = lms.parse({ status: response.status, headers: response.headers, body: await response.arrayBuffer(), now });
    // emit's result is a Response's init; the browser's Response gives it back to parse().
    // (Emission is in the tools build: a mock in the page asks for it.)
    let pageBuildEmit;
    try {
      lms.emit('okflag', 'USER_NOT_FOUND');
    } catch (error) {
      pageBuildEmit = error.message;
    }
    const emitted = (await init({ tools: true })).emit('okflag', 'USER_NOT_FOUND');
    const sent = new Response(emitted.body, { status: emitted.status, headers: emitted.headers });
    const received = lms.parse({ status: sent.status, headers: sent.headers, body: await sent.text() });
    const html = lms.parse({ status: 502, headers: new Headers({ 'content-type': 'text/html' }), body: new TextEncoder().encode('<title>502 Bad Gateway</title>') });
    const polluted = lms.parse({ status: 404, body: '{"statusCode":404,"code":"NOT_FOUND","message":"x","params":{"__proto__":{"polluted":true}}}' });
    return {
      imported: [imported.code, imported.importErrors[0].rows, imported.retryAfterMs, imported.requestId],
      received: [received.dialect, received.code, received.status, received.known],
      html: [html.code, html.message],
      offline: lms.networkError('offline').code,
      pageBuildEmit,
      pollution: [({}).polluted, Object.getPrototypeOf(polluted.params) === Object.prototype, Object.hasOwn(polluted.params, '__proto__')],
    };
  });
  assert.deepEqual(result.imported, ['IMPORT_VALIDATION_FAILED', [[2, 5], [8, 8]], 30000, 'r-1']);
  assert.deepEqual(result.received, ['okflag', 'USER_NOT_FOUND', 404, true]);
  assert.deepEqual(result.html, ['HTTP_502', '502 Bad Gateway']);
  assert.equal(result.offline, 'NETWORK_ERROR');
  assert.match(result.pageBuildEmit, /init\(\{ tools: true \}\)/);
  assert.deepEqual(result.pollution, [undefined, true, true]);
  assert.deepEqual(errors, []);
  await page.close();
});
