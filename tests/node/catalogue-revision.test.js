// One catalogue revision: computed by the build from the merged catalogue, carried by
// dist/catalogue.json, both .wasm builds and emit()'s responses; a client that sees another
// revision in a response loads the served catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { init, REVISION_HEADER } from 'lms-errors';
import { createLms } from '../../web/core.js';
import { nodePlatform } from '../../web/node-platform.js';

const servedText = (await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8')).trimEnd();
const revision = JSON.parse(servedText).revision;

/** The revision the build gives a merged document: its SHA-256 without the revision member. */
const contentHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The merged catalogue with one message changed, and the revision the build would give it. */
function catalogueWithMessage(code, message) {
  const document = JSON.parse(servedText);
  document.dialects[0].entries.find((entry) => entry.code === code).message = message;
  delete document.revision;
  const text = JSON.stringify(document);
  return text.replace('{"version":1,', `{"version":1,"revision":"${contentHash(text)}",`);
}

test('the revision is the content hash of the merged catalogue, the same everywhere', async () => {
  assert.match(revision, /^[0-9a-f]{16}$/);
  assert.equal(contentHash(servedText.replace(`"revision":"${revision}",`, '')), revision);
  const lms = await init();
  assert.equal(lms.catalogueRevision, revision);
  const pageModule = await WebAssembly.compile(await readFile(new URL('../../dist/lms_core.wasm', import.meta.url)));
  assert.equal((await createLms(pageModule, {}, nodePlatform)).catalogueRevision, revision, 'the page build');
  assert.equal(lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }).headers[REVISION_HEADER], revision);
  assert.equal(lms.emit('nestjs', 'HTTP_404').headers[REVISION_HEADER], revision);
});

test('loadCatalogue() changes the revision; a document without one has none', async () => {
  const lms = await init();
  const changed = catalogueWithMessage('LMS-ADM-007', 'the update failed');
  lms.loadCatalogue(changed);
  assert.equal(lms.catalogueRevision, JSON.parse(changed).revision);
  assert.notEqual(lms.catalogueRevision, revision);
  const document = JSON.parse(servedText);
  delete document.revision;
  lms.loadCatalogue(document);
  assert.equal(lms.catalogueRevision, null);
  assert.throws(() => lms.loadCatalogue({ ...document, revision: 7 }), /revision: must be a non-empty string/);
});

test('emit: HTTP_<status> is every convention\'s fallback, in the seed\'s shape', async () => {
  const lms = await init();
  const options = { path: '/api/v1/students/abc-123', timestamp: '2026-03-10T12:00:00.000Z' };
  const nest = lms.emit('nestjs', 'HTTP_404', null, options);
  assert.equal(nest.status, 404);
  assert.equal(nest.body, '{"statusCode":404,"code":"HTTP_404","message":"Not Found","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123"}');
  const parsed = lms.parse(nest);
  assert.deepEqual([parsed.dialect, parsed.code, parsed.status, parsed.message], ['nestjs', 'HTTP_404', 404, 'Not Found']);
  assert.equal(lms.emit('wrapped', 'HTTP_503').body, '{"success":false,"error":{"code":"HTTP_503","message":"Service Unavailable"}}');
  assert.equal(lms.emit('okflag', 'HTTP_412', null, { message: 'Precondition Failed' }).status, 412);
  assert.throws(() => lms.emit('nestjs', 'HTTP_200'), RangeError);
});

test('a client that sees another revision in a response loads the served catalogue', async (t) => {
  const changed = catalogueWithMessage('LMS-ADM-007', 'the update failed');
  const server = await init({ catalogue: changed }); // the server's newer table
  let catalogueRequests = 0;
  const http = createServer((req, res) => {
    if (req.url === '/errors/catalogue.json') {
      catalogueRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(changed);
      return;
    }
    const { status, headers, body } = server.emit('lms', 'LMS-ADM-007');
    res.writeHead(status, headers).end(body);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.after(() => http.close());
  const base = `http://127.0.0.1:${http.address().port}`;

  // By hand: syncCatalogue(headers, url).
  const manual = await init();
  const first = await fetch(`${base}/api/x`);
  assert.equal(first.headers.get(REVISION_HEADER), server.catalogueRevision);
  assert.equal(await manual.syncCatalogue(first.headers, `${base}/errors/catalogue.json`), true);
  assert.equal(manual.catalogueRevision, server.catalogueRevision);
  assert.equal(manual.lookup('LMS-ADM-007').message, 'the update failed');
  assert.equal(await manual.syncCatalogue(first.headers, `${base}/errors/catalogue.json`), false, 'already current');

  // Automatically: init({ catalogueUrl }) and the errors lms.fetch reads.
  const client = await init({ catalogueUrl: `${base}/errors/catalogue.json`, retry: { maxAttempts: 1 } });
  assert.equal(client.catalogueRevision, revision);
  const failure = await client.fetch(`${base}/api/x`).catch((error) => error);
  assert.equal(failure.error.code, 'LMS-ADM-007');
  for (let i = 0; i < 100 && client.catalogueRevision !== server.catalogueRevision; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(client.catalogueRevision, server.catalogueRevision);
  assert.equal(client.lookup('LMS-ADM-007').message, 'the update failed');
  assert.equal(catalogueRequests, 2);
});
