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

/** Starts both (the server with a fresh data directory); `stop()` closes them. */
export async function startBrowser() {
  const dataDir = await mkdtemp(join(tmpdir(), 'lms-errors-browser-'));
  const server = createDemoServer({ dataDir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    browser,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
