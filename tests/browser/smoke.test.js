// Headless-Chromium smoke test: the catalogue page (linked from /) loads the WASM and shows real look-ups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../web/demo/server.js';

const artifacts = new URL('../artifacts/', import.meta.url);
let server;
let browser;
let base;
let dataDir;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'lms-smoke-'));
  server = createDemoServer({ dataDir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
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
