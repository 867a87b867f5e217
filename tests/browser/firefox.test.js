// Headless Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core): the
// package in a second engine — Gecko's WebAssembly, TextDecoder and module loading — and the
// pupil's promise there: answers made while the server is gone are kept and sent once it is back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { init } from '../../web/node.js';
import { answerTo, artifacts, startDemoServer } from './pupil-support.js';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
let server;
let browser;

before(async () => {
  server = await startDemoServer();
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page whose uncaught errors and console errors are kept in `problems`. */
async function openPage(path) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 760 });
  const problems = [];
  // Firefox reports each fetch that fails while the server is gone (the service worker's too, as
  // an error of the page): those are the scripted faults, which the page handles.
  const scriptedFault = (text) => /^Failed to load .* NetworkError when attempting to fetch resource/.test(text);
  page.on('pageerror', (error) => scriptedFault(String(error.message ?? error)) || problems.push(`pageerror: ${error.message ?? error}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !scriptedFault(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.base}${path}`);
  return { page, problems };
}

test('Firefox: parse() of every real-world envelope gives what Node gives; format() in Welsh', async () => {
  const vectors = JSON.parse(await readFile(new URL('../vectors/envelopes/real-world.json', import.meta.url), 'utf8')).vectors;
  const inputs = vectors.map((vector) => vector.input);
  const lms = await init({ locales: ['cy'] });
  const expected = inputs.map((input) => lms.parse(input));
  const { page, problems } = await openPage('/web/demo/index.html');
  const result = await page.evaluate(async (inputs) => {
    const { init } = await import('/dist/lms-errors.js');
    const lms = await init({ locales: ['cy'] });
    // Bodies as the browser's fetch hands them over, too: a Response's Headers and ArrayBuffer.
    const response = new Response('{"code":"LMS-ADM-007","error":"update failed"}', { status: 500, headers: { 'Content-Type': 'application/json' } });
    const fromFetch = lms.parse({ status: response.status, headers: response.headers, body: await response.arrayBuffer() });
    return {
      parsed: inputs.map((input) => lms.parse(input)),
      teacher: lms.format(fromFetch, { locale: 'cy', audience: 'teacher' }),
      pupil: lms.format(fromFetch, { locale: 'cy', audience: 'pupil' }),
    };
  }, inputs);
  assert.equal(result.parsed.length, vectors.length);
  for (const [k, vector] of vectors.entries()) assert.deepEqual(result.parsed[k], expected[k], vector.name);
  assert.equal(result.teacher, 'Methodd y diweddariad [LMS-ADM-007]');
  assert.equal(result.pupil, lms.format(lms.parse({ status: 500, body: '{"code":"LMS-ADM-007","error":"update failed"}' }), { locale: 'cy', audience: 'pupil' }));
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox: a Welsh pupil answers twice while the server is gone; back, both are sent, each once', async () => {
  const { page, problems } = await openPage('/pupil/?locale=cy');
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.click('#pupils button[data-pupil="p1"]');
  await page.waitForSelector('html[data-sign-in="done"][data-question]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const before = await server.stats();

  await server.offline();
  for (let i = 0; i < 2; i += 1) {
    const question = await page.evaluate(() => document.documentElement.dataset.question);
    await page.type('#answer', String(answerTo(await page.$eval('#question-text', (element) => element.textContent))));
    await page.click('#send');
    await page.waitForFunction((id) => document.documentElement.dataset.question !== id, { timeout: 30000 }, question);
  }
  await page.waitForSelector('html[data-outbox="2"]');
  await page.screenshot({ path: `${artifacts}firefox-pupil-offline.png` });

  await server.online();
  await page.waitForSelector('html[data-outbox="0"]', { timeout: 60000 });
  await page.screenshot({ path: `${artifacts}firefox-pupil-sent.png` });
  const after = await server.stats();
  assert.equal(after.answers - before.answers, 2, 'both answers stored');
  assert.equal(after.keys - before.keys, 2, 'each under its own idempotency key, once');
  assert.match(await page.evaluate(() => document.body.innerText), /Anfonwyd 2 ateb a gadwyd/);
  assert.deepEqual(problems, []);
  await page.close();
});
