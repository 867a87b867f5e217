// Headless-Chromium smoke test: the catalogue page (linked from /) loads the WASM and shows real look-ups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { startBrowser } from './support.js';

const artifacts = new URL('../artifacts/', import.meta.url);
let session;
let browser;
let base;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  session = await startBrowser();
  ({ browser, base } = session);
});

after(async () => {
  await session?.stop();
});

test('the catalogue page, reached from /, loads the WASM and shows LMS-ADM-007 → 500 update failed', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${base}/`);
  await page.click('#catalogue-link');
  await page.waitForSelector('html[data-ready]');
  assert.equal(new URL(page.url()).pathname, '/lookup/');
  assert.equal(await page.getAttribute('html', 'data-ready'), 'true');
  assert.equal(await page.textContent('output .found'), 'LMS-ADM-007 → 500 update failed');
  const rows = await page.locator('#entries tbody tr').count();
  assert.ok(rows >= 63, `${rows} catalogue rows`);

  await page.fill('#code', 'DATABASE_ERROR');
  await page.selectOption('#dialect', 'nestjs');
  await page.click('button[type=submit]');
  assert.equal(await page.textContent('output .found'), 'DATABASE_ERROR → 400 Database error');
  await page.screenshot({ path: new URL('demo.png', artifacts).pathname, fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});
