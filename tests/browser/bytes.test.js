// What a signed-in pupil's Chromebook downloads for /pupil/ on school Wi-Fi: a cold load (empty
// cache) at most 100 KB, a warm reload (everything revalidated by ETag) at most 10 KB. Counted
// twice: by Chromium (DevTools protocol: each response's encodedDataLength, headers included)
// for the page's own requests, and by the server (bytes written to its sockets), which also sees
// what the page's service worker fetches on the page's behalf.
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

/** Bytes the demo server has written to every connection so far (headers and bodies). */
function serverMeter(server) {
  const sockets = new Set();
  server.on('connection', (socket) => sockets.add(socket));
  const written = () => [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
  let start = written();
  return {
    total: () => written() - start,
    reset: () => {
      start = written();
    },
  };
}

/** Loads (or reloads) the page until it shows a question and the network is quiet. */
async function load(page, go) {
  await go({ waitUntil: 'networkidle' });
  await page.waitForSelector('html[data-ready="true"][data-question]');
  await page.waitForLoadState('networkidle');
}

test('/pupil/, signed in: cold load <= 100 KB, warm reload <= 10 KB (bytes on the wire)', async (t) => {
  const wire = serverMeter(session.server);
  const context = await session.browser.newContext();
  t.after(() => context.close());
  await context.request.post(`${session.base}/api/session`, { data: { pupilId: 'p1' } });
  const page = await context.newPage();
  const bytes = await meter(context, page);

  wire.reset();
  await load(page, (options) => page.goto(`${session.base}/pupil/`, options));
  const cold = bytes.total();
  const coldWire = wire.total();
  const coldReport = bytes.report();
  assert.ok(cold <= COLD_BUDGET, `cold: ${cold} B\n${coldReport}`);
  assert.ok(coldWire <= COLD_BUDGET, `cold, written by the server: ${coldWire} B\n${coldReport}`);
  // en-GB is inside dist/lms-errors.js: no locale file is downloaded for it.
  const locales = coldReport.split('\n').filter((line) => line.includes(' /i18n/')).map((line) => line.split(' ')[1]);
  assert.deepEqual(locales, []);

  bytes.reset();
  wire.reset();
  await load(page, (options) => page.reload(options));
  const warm = bytes.total();
  const warmWire = wire.total();
  assert.ok(warm <= WARM_BUDGET, `warm: ${warm} B\n${bytes.report()}`);
  assert.ok(warmWire <= WARM_BUDGET, `warm, written by the server: ${warmWire} B\n${bytes.report()}`);
  t.diagnostic(`cold ${cold} B (${coldReport.replaceAll('\n', ', ')}), server ${coldWire} B; warm ${warm} B, server ${warmWire} B`);
});

test('/pupil/?locale=cy, cold: only cy\'s files of the namespaces the pupil page can meet', async (t) => {
  const context = await session.browser.newContext();
  t.after(() => context.close());
  await context.request.post(`${session.base}/api/session`, { data: { pupilId: 'p2' } });
  const page = await context.newPage();
  const bytes = await meter(context, page);
  await load(page, (options) => page.goto(`${session.base}/pupil/?locale=cy`, options));
  const locales = bytes.report().split('\n').filter((line) => line.includes(' /i18n/')).map((line) => line.split(' ')[1]);
  assert.deepEqual(locales.sort(), ['/i18n/cy/common.json', '/i18n/cy/http.json', '/i18n/cy/lms.json', '/i18n/cy/network.json']);
});
