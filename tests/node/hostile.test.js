// Hostile servers cannot hurt a pupil's tab: a local server on loopback sends 100 MB and
// 400 MB error bodies (streamed, never held), 16 MiB of invalid UTF-8 and of one long message,
// and refresh endpoints that never answer. Figures (RSS, WASM memory, bytes the server got to
// send) are printed; the bounds asserted are far below what an unbounded read costs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { init, LmsError } from 'lms-errors';

const MiB = 1 << 20;
const lms = await init();
const limit = 16 * MiB; // parse()'s body limit (README: "body size")

const servers = [];
after(() => Promise.all(servers.map((server) => new Promise((resolve) => {
  server.closeAllConnections();
  server.close(resolve);
}))));

// A server answering every request with `status` and a body of `total` bytes made of `chunk`
// repeated, written as the client reads it (backpressure): the test holds one chunk, never the
// body. `sent()` is how many body bytes the socket took before the client stopped reading.
async function hostileServer({ status = 500, type = 'text/plain', total, chunk = Buffer.alloc(MiB, 'x'), headers = {} }) {
  let sent = 0;
  const server = createServer((req, res) => {
    res.writeHead(status, { 'content-type': type, ...headers });
    let left = total;
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => { left = 0; });
    pump();
  });
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/api/answers`, sent: () => sent };
}

const rssMB = () => process.memoryUsage().rss / 1e6;
// The highest RSS while `work` runs, sampled every 5 ms.
async function peakRss(work) {
  let peak = rssMB();
  const timer = setInterval(() => { peak = Math.max(peak, rssMB()); }, 5);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssMB()) };
  } finally {
    clearInterval(timer);
  }
}

const ONE_ATTEMPT = { maxAttempts: 1, budget: false };

for (const size of [100e6, 400e6]) {
  test(`a ${size / 1e6} MB error body: read up to the parse limit, the rest cancelled; memory bounded`, async () => {
    const server = await hostileServer({ total: size });
    globalThis.gc?.();
    const before = rssMB();
    const { result: failure, peak } = await peakRss(() => lms.fetch(server.url, {}, { policy: ONE_ATTEMPT }).catch((error) => error));
    const afterRss = rssMB();
    console.log(`${size / 1e6} MB body: RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${afterRss.toFixed(0)} MB after; the server got to send ${(server.sent() / 1e6).toFixed(1)} MB`);
    assert.ok(failure instanceof LmsError);
    assert.equal(failure.error.code, 'HTTP_500');
    assert.equal(failure.error.message, '', 'over the limit: not parsed');
    // Unbounded, the 100 MB body took RSS to 379 MB and the 400 MB one to 1.17 GB.
    assert.ok(peak - before < 160, `RSS grew by ${(peak - before).toFixed(0)} MB`);
    assert.ok(server.sent() < size / 2, `the download stopped early (${server.sent()} of ${size} bytes sent)`);
  });
}

test('lms.readErrorBody(response): the documented bounded read, limit + 1 bytes for parse()', async () => {
  const server = await hostileServer({ total: 64 * MiB });
  const response = await fetch(server.url);
  const body = await lms.readErrorBody(response);
  assert.ok(body instanceof Uint8Array);
  assert.equal(body.length, limit + 1);
  const err = lms.parse({ status: response.status, headers: response.headers, body });
  assert.deepEqual([err.code, err.message], ['HTTP_500', '']);

  const small = await hostileServer({ status: 404, type: 'application/json', total: 60, chunk: Buffer.from('{"code":"LMS-SES-002","error":"no such question"}'.padEnd(60)) });
  const smallResponse = await fetch(small.url);
  const parsed = lms.parse({ status: smallResponse.status, headers: smallResponse.headers, body: await lms.readErrorBody(smallResponse) });
  assert.deepEqual([parsed.code, parsed.message], ['LMS-SES-002', 'no such question']);
  await assert.rejects(lms.readErrorBody({}), TypeError);
});

// A fresh instance per body, so its WASM memory is what that one body left.
async function wasmMemoryAfter(body, headers) {
  const instance = await init();
  const heap = instance[Symbol.for('lms-errors.heap')];
  const started = performance.now();
  const err = instance.parse({ status: 500, headers, body });
  const ms = performance.now() - started;
  return { err, ms, memoryMB: heap().memoryBytes / MiB };
}

test('16 MiB of 0xFF: a binary body, not parsed; WASM memory stays under 32 MB', async () => {
  const body = new Uint8Array(limit).fill(0xff);
  for (const type of ['text/plain', 'application/json', undefined]) {
    const { err, ms, memoryMB } = await wasmMemoryAfter(body, type ? { 'content-type': type } : {});
    const decodeStarted = performance.now();
    new TextDecoder().decode(body);
    const decodeMs = performance.now() - decodeStarted;
    console.log(`16 MiB of 0xFF (${type ?? 'no type'}): parse ${ms.toFixed(0)} ms (TextDecoder on the same bytes ${decodeMs.toFixed(0)} ms), WASM memory after ${memoryMB.toFixed(1)} MiB`);
    assert.deepEqual([err.code, err.message], ['HTTP_500', '']);
    assert.ok(memoryMB < 32, `WASM memory ${memoryMB.toFixed(1)} MiB`);
  }
});

test('16 MiB of one long message, as text and inside JSON: the message is cut at 1 KiB; WASM memory under 32 MB', async () => {
  const filler = 'x'.repeat(limit - 64);
  for (const [what, body, headers] of [
    ['text/plain', filler, { 'content-type': 'text/plain' }],
    ['a JSON member', `{"code":"LMS-ADM-007","error":"${filler}"}`, {}],
  ]) {
    const { err, ms, memoryMB } = await wasmMemoryAfter(new TextEncoder().encode(body), headers);
    console.log(`16 MiB message in ${what}: parse ${ms.toFixed(0)} ms, WASM memory after ${memoryMB.toFixed(1)} MiB`);
    assert.equal(err.message.length, 1024);
    // The body itself takes 16 MiB of WASM memory: the result adds no copy of it.
    assert.ok(memoryMB < 32, `WASM memory ${memoryMB.toFixed(1)} MiB`);
  }
});

test('a 16 MiB string body of non-ASCII text (an app that called response.text()): WASM memory under 32 MB', async () => {
  for (const [what, body] of [['U+FFFD', '\uFFFD'.repeat(limit)], ['é, just under the limit', 'é'.repeat(limit / 2 - 8)]]) {
    const { err, memoryMB } = await wasmMemoryAfter(body, { 'content-type': 'text/plain' });
    console.log(`16 MiB string of ${what}: WASM memory after ${memoryMB.toFixed(1)} MiB`);
    assert.ok(memoryMB < 32, `WASM memory ${memoryMB.toFixed(1)} MiB`);
    if (what === 'U+FFFD') assert.deepEqual([err.code, err.message], ['HTTP_500', ''], 'over the limit once encoded: not parsed');
    else assert.equal(err.message, 'é'.repeat(512), 'within the limit: parsed, the message cut at 1 KiB');
  }
});

test('U+0000 everywhere in a server\'s error: parse, format and details all answer', () => {
  const body = JSON.stringify({
    statusCode: 400, code: 'BAD\0CODE', message: ['first\0', '\0second'], timestamp: '\0', path: '/\0',
    data: { errors: [{ field: 'a\0b', rule: 'required\0', message: 'x\0y', params: { 'k\0': 'v\0' } }] },
  });
  const err = lms.parse({ status: 400, headers: { 'x-request-id': 'id' }, body });
  assert.equal(err.code, 'BAD\0CODE');
  for (const audience of ['pupil', 'teacher', 'admin']) assert.match(lms.format(err, { audience }), /\[BAD\uFFFDCODE\]$/);
  // As in format()'s code: a U+0000 crosses into the line as U+FFFD (the core's params are NUL-separated).
  assert.deepEqual(lms.details(err), ['a\uFFFDb: x\uFFFDy']);
});

const expired = JSON.stringify({ success: false, error: { code: 'TOKEN_EXPIRED', message: 'JWT has expired' } });

test('a refreshToken that never settles ends with the request timeout: LmsError, cause TimeoutError, its signal aborted', async () => {
  const server = await hostileServer({ status: 401, type: 'application/json', total: expired.length, chunk: Buffer.from(expired) });
  let given;
  const started = Date.now();
  const failure = await lms.fetch(server.url, {}, {
    timeoutMs: 150,
    refreshToken: ({ signal }) => {
      given = signal;
      return new Promise(() => {}); // never settles
    },
  }).catch((error) => error);
  assert.ok(failure instanceof LmsError, String(failure));
  assert.equal(failure.error.code, 'TOKEN_EXPIRED');
  assert.equal(failure.decision.action, 'refresh');
  assert.equal(failure.decision.retry, false);
  assert.equal(failure.cause.name, 'TimeoutError');
  assert.equal(given.aborted, true, 'the refresh can stop its own request');
  assert.ok(Date.now() - started < 2000);
});

test('an abort while refreshToken is pending rejects at once with the AbortError', async () => {
  const server = await hostileServer({ status: 401, type: 'application/json', total: expired.length, chunk: Buffer.from(expired) });
  const controller = new AbortController();
  let given;
  const started = Date.now();
  const failure = await lms.fetch(server.url, { signal: controller.signal }, {
    refreshToken: ({ signal }) => {
      given = signal;
      setTimeout(() => controller.abort(), 30);
      return new Promise(() => {});
    },
  }).catch((error) => error);
  assert.equal(failure.name, 'AbortError');
  assert.ok(!(failure instanceof LmsError));
  assert.equal(given.aborted, true);
  assert.ok(Date.now() - started < 2000, 'not after the 30 s default timeout');
});
