// Shared by the pupil-*.test.js suites: the demo server (which a test can take offline and bring
// back, keeping its sessions), Chromium, and what the pupil flows need to drive and observe.
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoServer } from '../../web/demo/server.js';
import { launchChromium, watch } from './support.js';

export const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** The demo server (startDemoServer()) and Chromium; `offline()` closes the listening socket (every connection dropped), `online()` reopens it. */
export async function startPupilSession() {
  const server = await startDemoServer();
  const browser = await launchChromium();
  return {
    ...server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

/** The demo server on a free loopback port with a fresh data directory; `offline()` closes its listening socket (every connection dropped), `online()` reopens it, keeping its sessions. */
export async function startDemoServer() {
  await mkdir(artifacts, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'lms-errors-pupil-'));
  const server = createDemoServer({ dataDir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async offline() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
    async online() {
      await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async stats() {
      return (await fetch(`${base}/api/stats`)).json();
    },
    /** What the server saw of each Idempotency-Key in `keys` (it lists none itself): { [key]: { requests, stored, sentBy } }. */
    async keyStats(keys) {
      const entries = await Promise.all(keys.map(async (key) => [key, (await (await fetch(`${base}/api/stats?key=${encodeURIComponent(key)}`)).json()).key]));
      return Object.fromEntries(entries);
    },
    async stop() {
      if (server.listening) await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh context (its own cookies and storage) whose pages record every uncaught problem. */
export async function newContext(t, browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 }, ...options });
  const problems = [];
  context.on('page', (page) => watch(page, problems));
  t.after(() => context.close());
  return { context, problems };
}

/** The Idempotency-Keys of the answers `page` sends from now on (a live list). */
export function answerKeys(page) {
  const keys = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/api/answers') return;
    const key = request.headers()['idempotency-key'];
    if (key && !keys.includes(key)) keys.push(key);
  });
  return keys;
}

/** Signs a pupil in through the page's own sign-in (it must be showing). */
export async function signInAs(page, pupilId) {
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.click(`#pupils button[data-pupil="${pupilId}"]`);
  await page.waitForSelector(`html[data-pupil="${pupilId}"][data-sign-in="done"]`);
}

/** The right answer to a question's text ("6 × 3"). */
export function answerTo(questionText) {
  const [a, op, b] = questionText.split(' ');
  return { '+': Number(a) + Number(b), '−': a - b, '×': a * b, '÷': a / b }[op];
}

/** Answers the question on screen (the right answer computed from its text) and waits for the next one. */
export async function answer(page, { wrong = false } = {}) {
  const before = await page.getAttribute('html', 'data-question');
  const value = answerTo(await page.textContent('#question-text')) + (wrong ? 1 : 0);
  await page.fill('#answer', String(value));
  await page.click('#send');
  await page.waitForFunction((id) => document.documentElement.dataset.question !== id, before, { timeout: 30000 });
}

/** The outbox's waiting items, read from IndexedDB in the page. */
export function storedItems(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('lms-errors-outbox');
    open.onsuccess = () => {
      const all = open.result.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => {
        open.result.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error);
    };
    open.onerror = () => reject(open.error);
  }));
}

/** Polls `check` (async, truthy when done) every 100 ms for up to `ms`. */
export async function until(check, ms = 15000, what = 'condition') {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const screenshot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
