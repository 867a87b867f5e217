// Shared by the Chromium suites: the demo server on a free loopback port and a headless browser.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../web/demo/server.js';

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

// Each browser's demo server, for openPage()'s sign-in.
const servers = new WeakMap();
const base = (browser) => servers.get(browser);

/** Starts both (the server with a fresh data directory); `stop()` closes them. */
export async function startBrowser() {
  const dataDir = await mkdtemp(join(tmpdir(), 'lms-errors-browser-'));
  const server = createDemoServer({ dataDir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  servers.set(browser, `http://127.0.0.1:${server.address().port}`);
  return {
    base: base(browser),
    browser,
    server,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records `page`'s uncaught errors, dialogs and console errors in `problems`. */
export function watch(page, problems) {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  page.on('console', (message) => {
    // Chromium logs every failed HTTP request; those are the scripted faults and the 401s the tests cause.
    if (message.type() === 'error' && !/Failed to load resource|net::ERR_/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
}

/**
 * A fresh context and page that records uncaught errors, dialogs and console errors in
 * `problems` (failed HTTP requests are the scripted faults, not bugs); closed after the test.
 */
export async function openPage(browser, t, { viewport = { width: 1000, height: 800 }, signIn = 'p1', ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  // The pupil page needs a signed-in pupil (the demo's session cookie, shared by the context);
  // signIn: null opens the pages signed out.
  if (signIn !== null) await context.request.post(`${base(browser)}/api/session`, { data: { pupilId: signIn } });
  const page = await context.newPage();
  const problems = [];
  watch(page, problems);
  t.after(() => context.close());
  return { context, page, problems };
}
