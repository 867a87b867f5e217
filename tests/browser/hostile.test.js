// Hostile error bodies in Chromium: U+0000 in every string a server sends still renders
// <lms-error> (format() threw on such a code, and the element showed nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './support.js';

let session;

before(async () => {
  session = await startBrowser();
});

after(async () => {
  await session?.stop();
});

test('U+0000 everywhere in a server\'s error: <lms-error> renders its message, code and details', async (t) => {
  const context = await session.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${session.base}/teacher/`);
  await page.waitForSelector('html[data-ready]');

  const shown = await page.evaluate(async () => {
    const { init } = await import('/dist/lms-errors.js');
    const lms = await init();
    const body = JSON.stringify({
      statusCode: 400, code: 'BAD\0CODE', message: ['first\0', '\0second'], path: '/\0', timestamp: '\0',
      data: { errors: [{ field: 'a\0b', rule: 'required\0', message: 'x\0y', params: { 'k\0': 'v\0' } }] },
    });
    const err = lms.parse({ status: 400, headers: { 'content-type': 'application/json' }, body });
    const element = document.createElement('lms-error');
    element.setAttribute('audience', 'teacher');
    document.body.append(element);
    element.error = err;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const part = (name) => element.shadowRoot.querySelector(`[part~="${name}"]`);
    return {
      code: err.code,
      dataCode: element.dataset.code,
      message: part('message')?.textContent ?? '',
      details: [...element.shadowRoot.querySelectorAll('li')].map((item) => item.textContent),
    };
  });
  assert.equal(shown.code, 'BAD\0CODE');
  assert.match(shown.message, /\S/, 'a message is shown');
  assert.match(shown.message, /\[BAD\uFFFDCODE\]/);
  assert.ok(shown.details.length >= 1, 'the field error is listed');
  assert.deepEqual(problems, []);
});
