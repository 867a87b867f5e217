// The demo server behind `npm start`: the pages (/, /pupil/, /teacher/, /lookup/), the package's
// runtime files, and the demo API (/api/…, see api.js). Node `http` only, on loopback.
// PORT overrides the default 8080; DATA_DIR the data directory (default data/ in the repository).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init } from '../node.js';
import { createApi } from './api.js';
import { openStore } from './store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
// Only these folders are served: the package's runtime files, the locale files and the demo.
const servedFolders = ['web', 'dist', 'i18n', 'catalogue'];
const pages = {
  '/': 'web/demo/index.html',
  '/pupil/': 'web/demo/pupil.html',
  '/teacher/': 'web/demo/teacher.html',
  '/lookup/': 'web/demo/lookup.html',
};
// Defence in depth: no inline script or style, no foreign origins, no eval. The package's JS
// builds no functions from strings, so compiling the .wasm ('wasm-unsafe-eval') is all a
// school's strict CSP has to allow.
const pageHeaders = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

async function sendFile(response, relative, method) {
  const path = normalize(join(root, relative));
  if (!path.startsWith(root) || !servedFolders.includes(relative.split('/')[0]) || relative.split(/[\\/]/).includes('..')) {
    return sendText(response, 404, 'not found');
  }
  let info;
  try {
    info = await stat(path);
  } catch {
    return sendText(response, 404, 'not found');
  }
  if (info.isDirectory()) return sendText(response, 404, 'not found');
  const type = types[extname(path)] ?? 'application/octet-stream';
  response.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(type.startsWith('text/html') ? pageHeaders : {}),
    // The package's service worker lives in web/ but serves the pages' scopes (/pupil/).
    ...(relative === 'web/sw.js' ? { 'service-worker-allowed': '/' } : {}),
  });
  response.end(method === 'HEAD' ? undefined : await readFile(path));
}

function sendText(response, status, text) {
  if (response.headersSent) return response.destroy();
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function redirect(response, location) {
  response.writeHead(302, { location });
  response.end();
}

/**
 * The demo server (not yet listening). Options: dataDir (default $DATA_DIR or data/),
 * lms (an lms-errors instance or promise of one; default: init()).
 */
export function createDemoServer({ dataDir = process.env.DATA_DIR ?? join(root, 'data'), lms = init() } = {}) {
  const store = openStore(dataDir);
  const handleApi = createApi({ lms: Promise.resolve(lms), store });
  // A failed start (no built WASM, unwritable data directory) shows on every API call.
  store.catch(() => {});
  Promise.resolve(lms).catch(() => {});

  return createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const method = request.method ?? 'GET';
    const done = (promise) => promise.catch((error) => sendText(response, 500, `internal error: ${error.message}`));
    if (url.pathname.startsWith('/api/')) return done(handleApi(request, response, url));
    if (method !== 'GET' && method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    if (pages[url.pathname]) return done(sendFile(response, pages[url.pathname], method));
    if (pages[`${url.pathname}/`]) return redirect(response, `${url.pathname}/${url.search}`);
    let relative;
    try {
      relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      return sendText(response, 400, 'bad request');
    }
    if (relative.endsWith('/')) relative += 'index.html';
    return done(sendFile(response, relative, method));
  });
}

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!LOOPBACK.includes(host)) {
    console.error(`lms-errors demo: HOST must be a loopback address (${LOOPBACK.join(', ')}), not ${host}`);
    process.exit(2);
  }
  createDemoServer().listen(port, host, () => {
    console.log(`lms-errors demo: http://localhost:${port}/  (pupil: /pupil/, teacher: /teacher/, catalogue: /lookup/)`);
  });
}
