// Headless Chromium: lms.decide() and lms.fetch() with the browser's own fetch, timers and
// AbortController (the browser build of the package, web/index.js, served by the demo server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startBrowser } from './support.js';

let session;
let page;
let base;
let refused; // a URL whose port was just free: connecting is refused, fetch rejects with a TypeError

before(async () => {
  session = await startBrowser();
  base = session.base;
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  refused = `http://127.0.0.1:${port}/api`;
  page = await session.browser.newPage();
  await page.goto(`${base}/lookup/`); // a page that loads the package (the catalogue look-up)
  await page.waitForSelector('html[data-ready]');
});

after(() => session?.stop());

test('lms.decide in the browser: the same decision as in Node, a plain object', async () => {
  const result = await page.evaluate(async () => {
    const { init, LmsError } = await import('/web/index.js');
    const lms = await init();
    const err = { dialect: 'wrapped', code: 'DATABASE_ERROR', status: 500 };
    return {
      decision: lms.decide(err, { attempt: 1, method: 'GET', random: 0.5 }),
      plain: Object.getPrototypeOf(lms.decide(err, { attempt: 1 }, { budget: false })) === Object.prototype,
      exported: typeof LmsError === 'function' && new LmsError({ code: 'X', message: '' }, {}) instanceof Error,
    };
  });
  assert.deepEqual(result, { decision: { retry: true, delayMs: 750, action: 'retry', reason: 'transient' }, plain: true, exported: true });
});

test('lms.fetch in the browser: a refused connection is retried, then LmsError(NETWORK_ERROR)', async () => {
  const result = await page.evaluate(async (url) => {
    const { init, LmsError } = await import('/web/index.js');
    const lms = await init({ retry: { baseDelayMs: 5, maxDelayMs: 20, budget: false } });
    const retries = [];
    try {
      await lms.fetch(url, {}, { onRetry: ({ attempt, error }) => retries.push([attempt, error.code]) });
      return { resolved: true };
    } catch (error) {
      return { lmsError: error instanceof LmsError, code: error.error?.code, decision: error.decision, retries, cause: error.cause?.name };
    }
  }, refused);
  assert.deepEqual(result, {
    lmsError: true,
    code: 'NETWORK_ERROR',
    decision: { retry: false, delayMs: 0, action: 'retry', reason: 'attempts_exhausted' },
    retries: [[1, 'NETWORK_ERROR'], [2, 'NETWORK_ERROR'], [3, 'NETWORK_ERROR']],
    cause: 'TypeError',
  });
});

test('lms.fetch in the browser: an abort during the wait rejects at once with the AbortError', async () => {
  const outcome = await page.evaluate(async (url) => {
    const { init } = await import('/web/index.js');
    const lms = await init({ retry: { baseDelayMs: 10000, maxDelayMs: 10000, jitter: 'none', budget: false } });
    const controller = new AbortController();
    const started = performance.now();
    try {
      // The refused connection fails at once; the abort comes 20 ms into the 10 s wait.
      await lms.fetch(url, { signal: controller.signal }, { onRetry: () => setTimeout(() => controller.abort(), 20) });
      return { resolved: true };
    } catch (error) {
      return { name: error.name, ms: performance.now() - started };
    }
  }, refused);
  assert.equal(outcome.name, 'AbortError');
  assert.ok(outcome.ms < 2000, `${outcome.ms} ms`);
});
