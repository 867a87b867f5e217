// Shared by the Chromium suites: the demo server on a free loopback port and a headless browser.
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../web/demo/server.js';

/** Starts both; `stop()` closes them. */
export async function startBrowser() {
  const server = createDemoServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    browser,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
