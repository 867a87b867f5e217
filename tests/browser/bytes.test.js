// What a pupil's Chromebook downloads for /pupil/ on school Wi-Fi, counted by Chromium itself
// (DevTools protocol: each response's encodedDataLength, headers included): a cold load (empty
// cache) at most 100 KB, a warm reload (everything revalidated by ETag) at most 10 KB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './support.js';

const COLD_BUDGET = 100 * 1000;
const WARM_BUDGET = 10 * 1000;

let session;

before(async () => {
  session = await startBrowser();
});

after(async () => {
  await session?.stop();
});

/** Counts the bytes of every response the page receives until `stop()`. */
async function meter(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map(); // requestId -> url
  const finished = [];
  cdp.on('Network.requestWillBeSent', (event) => requests.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) => finished.push({ url: requests.get(event.requestId), bytes: event.encodedDataLength }));
  return {
    total: () => finished.reduce((sum, entry) => sum + entry.bytes, 0),
    report: () => finished.map((entry) => `${entry.bytes} ${new URL(entry.url).pathname}`).join('\n'),
    reset: () => finished.splice(0),
  };
}

test('/pupil/: cold load <= 100 KB, warm reload <= 10 KB (bytes on the wire)', async (t) => {
  const context = await session.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const bytes = await meter(context, page);

  await page.goto(`${session.base}/pupil/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('html[data-ready="true"]');
  const cold = bytes.total();
  const coldReport = bytes.report();
  assert.ok(cold <= COLD_BUDGET, `cold: ${cold} B\n${coldReport}`);
  // Only the page's locale, and only the namespaces the pupil page can meet.
  const locales = coldReport.split('\n').filter((line) => line.includes(' /i18n/')).map((line) => line.split(' ')[1]);
  assert.deepEqual(locales.sort(), ['/i18n/en-GB/common.json', '/i18n/en-GB/http.json', '/i18n/en-GB/lms.json', '/i18n/en-GB/network.json']);

  bytes.reset();
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('html[data-ready="true"]');
  const warm = bytes.total();
  assert.ok(warm <= WARM_BUDGET, `warm: ${warm} B\n${bytes.report()}`);
  t.diagnostic(`cold ${cold} B (${coldReport.replaceAll('\n', ', ')}), warm ${warm} B`);
});
