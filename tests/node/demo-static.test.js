// The demo server's static files, served as a school's server would: brotli and gzip (Node's
// zlib) for text and .wasm, a strong ETag per representation answered with 304, Cache-Control,
// nosniff on every response, and no symlink followed inside the served folders.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, symlink, unlink } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startDemoServer } from './demo-support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A raw GET (fetch would decompress and hide the encoding): status, headers, body bytes. */
function get(base, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('demo server: static files', () => {
  let demo;
  let base;

  before(async () => {
    demo = await startDemoServer('lms-demo-static-', { lms: new Promise(() => {}) }); // static files need no core
    base = demo.base;
  });
  after(() => demo.close());

  test('brotli when accepted, else gzip, else the file itself; each decodes to the file', async () => {
    const file = await readFile(join(root, 'web/demo/demo.css'));
    const br = await get(base, '/web/demo/demo.css', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.ok(br.body.length < file.length / 2, `${br.body.length} B of ${file.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), file);
    const gz = await get(base, '/web/demo/demo.css', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), file);
    const refused = await get(base, '/web/demo/demo.css', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.deepEqual(refused.body, file);
    const plain = await get(base, '/web/demo/demo.css');
    assert.deepEqual(plain.body, file);
    assert.equal(Number(plain.headers['content-length']), file.length);
    // Three representations, three validators.
    assert.equal(new Set([br, gz, plain].map((response) => response.headers.etag)).size, 3);
  });

  test('pages, JSON and .wasm are compressed; ETag answers 304 with no body', async () => {
    const wasm = join(root, 'dist/lms_core.wasm');
    const paths = ['/pupil/', '/i18n/cy/common.json', '/web/components/lms-error.js'];
    if (await readFile(wasm).then(() => true, () => false)) paths.push('/dist/lms_core.wasm');
    for (const path of paths) {
      const first = await get(base, path, { 'accept-encoding': 'br' });
      assert.equal(first.status, 200, path);
      assert.equal(first.headers['content-encoding'], 'br', path);
      assert.equal(first.headers['cache-control'], 'no-cache', path);
      assert.equal(first.headers['x-content-type-options'], 'nosniff', path);
      assert.match(first.headers.etag, /^"[\w-]+"$/, path);
      const again = await get(base, path, { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
      assert.equal(again.status, 304, path);
      assert.equal(again.body.length, 0, path);
      assert.equal(again.headers.etag, first.headers.etag, path);
      assert.equal(again.headers['x-content-type-options'], 'nosniff', path);
      // Another representation's validator does not match this one.
      const other = await get(base, path, { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag });
      assert.equal(other.status, 200, path);
    }
    const page = await get(base, '/pupil/', { 'accept-encoding': 'gzip' });
    assert.match(page.headers['content-security-policy'], /script-src 'self'/);
  });

  test('errors carry nosniff too, and nothing outside the served folders is reachable', async () => {
    for (const path of ['/package.json', '/web/../package.json', '/%2e%2e/package.json', '/wasm/src/error.cpp', '/web/demo/i18n/', '/web/nothing.js']) {
      const response = await get(base, path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', path);
    }
  });

  test('a symlink inside a served folder is not followed', async (t) => {
    const link = join(root, 'web/demo/linked-package.json');
    await symlink(join(root, 'package.json'), link);
    t.after(() => unlink(link));
    const response = await get(base, '/web/demo/linked-package.json');
    assert.equal(response.status, 404);
    assert.doesNotMatch(response.body.toString(), /"name": "lms-errors"/);
  });

  test('a changed file is served changed, with a new validator', async (t) => {
    const path = join(root, 'web/demo/i18n/en-GB.json');
    const original = await readFile(path);
    const first = await get(base, '/web/demo/i18n/en-GB.json');
    const { writeFile, utimes } = await import('node:fs/promises');
    t.after(() => writeFile(path, original));
    const changed = Buffer.from(original.toString().replace('"Practice"', '"Practise"'));
    await writeFile(path, changed);
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    const second = await get(base, '/web/demo/i18n/en-GB.json', { 'if-none-match': first.headers.etag });
    assert.equal(second.status, 200);
    assert.notEqual(second.headers.etag, first.headers.etag);
    assert.deepEqual(second.body, changed);
  });
});
