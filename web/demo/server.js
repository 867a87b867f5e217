// The demo server behind `npm start`: the pages (/, /pupil/, /teacher/, /lookup/), the package's
// runtime files, and the demo API (/api/…, see api.js). Node `http` only, on loopback.
// PORT overrides the default 8080; DATA_DIR the data directory (default data/ in the repository).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { init } from '../node.js';
import { createApi } from './api.js';
import { openStore } from './store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const brotli = promisify(zlib.brotliCompress);
const gzipped = promisify(zlib.gzip);
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

// Static files as a school's server would send them: compressed once (brotli, gzip) and kept
// in memory, a strong ETag per representation so a reload costs a 304, `no-cache` because the
// file names carry no version (every use revalidates, nothing stale is ever run).
const COMPRESSIBLE = /^(text\/|application\/(json|wasm)|image\/svg)/;
const staticCache = new Map(); // absolute path -> { mtimeMs, size, tag, identity, br, gzip }

// The page's own modules are sent minified, as an app's build would ship them (esbuild, a
// devDependency; where it is not installed they go as written). dist/ is minified already.
// Target esnext: an older target drops import attributes (`with { type: 'json' }`).
const esbuild = await import('esbuild').catch(() => null);
async function servedBytes(path) {
  const source = await readFile(path);
  if (!esbuild || extname(path) !== '.js' || path.startsWith(join(root, 'dist'))) return source;
  const { code } = await esbuild.transform(source.toString('utf8'), { minify: true, keepNames: true, format: 'esm', target: 'esnext', legalComments: 'none' });
  return Buffer.from(code);
}

async function representations(path, info) {
  const cached = staticCache.get(path);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
  const identity = await servedBytes(path);
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  const entry = { mtimeMs: info.mtimeMs, size: info.size, tag, identity, br: null, gzip: null };
  if (COMPRESSIBLE.test(types[extname(path)] ?? '') && identity.length > 256) {
    const [br, gzip] = await Promise.all([
      brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzipped(identity, { level: 9 }),
    ]);
    if (br.length < identity.length) entry.br = br;
    if (gzip.length < identity.length) entry.gzip = gzip;
  }
  staticCache.set(path, entry);
  return entry;
}

/** The encodings the request accepts (q > 0), as a set of lower-case names. */
function acceptedEncodings(header) {
  const accepted = new Set();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...options] = part.trim().toLowerCase().split(';');
    const q = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)).find(Boolean);
    if (name && !(q && Number(q[1]) === 0)) accepted.add(name);
  }
  return accepted;
}

/** Whether If-None-Match names this representation (weak comparison, as RFC 9110 asks for GET). */
function notModified(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === etag);
}

// Served folders hold no symlinks that are followed: a link (to /etc, to data/) is a 404.
let realRoot;
async function isPlainPath(path) {
  realRoot ??= await realpath(root);
  try {
    return (await realpath(path)) === join(realRoot, relative(root, path));
  } catch {
    return false;
  }
}

async function sendFile(request, response, relativePath, method) {
  const path = normalize(join(root, relativePath));
  if (!path.startsWith(root) || !servedFolders.includes(relativePath.split('/')[0]) || relativePath.split(/[\\/]/).includes('..')) {
    return sendText(response, 404, 'not found');
  }
  let info;
  try {
    info = await lstat(path);
  } catch {
    return sendText(response, 404, 'not found');
  }
  if (!info.isFile() || !(await isPlainPath(path))) return sendText(response, 404, 'not found');
  const file = await representations(path, info);
  const type = types[extname(path)] ?? 'application/octet-stream';
  const accepted = acceptedEncodings(request.headers['accept-encoding']);
  const [encoding, body] = file.br && accepted.has('br') ? ['br', file.br] : file.gzip && accepted.has('gzip') ? ['gzip', file.gzip] : [null, file.identity];
  const etag = `"${file.tag}${encoding ? `-${encoding}` : ''}"`;
  const headers = {
    'cache-control': 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
    ...(file.br || file.gzip ? { vary: 'Accept-Encoding' } : {}),
    ...(type.startsWith('text/html') ? pageHeaders : {}),
    // The package's service worker lives in web/ but serves the pages' scopes (/pupil/).
    ...(relativePath === 'web/sw.js' ? { 'service-worker-allowed': '/' } : {}),
  };
  if (notModified(request.headers['if-none-match'], etag)) {
    response.writeHead(304, headers);
    return response.end();
  }
  response.writeHead(200, {
    ...headers,
    'content-type': type,
    'content-length': body.length,
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  response.end(method === 'HEAD' ? undefined : body);
}

function sendText(response, status, text) {
  if (response.headersSent) return response.destroy();
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  response.end(text);
}

function redirect(response, location) {
  response.writeHead(302, { location, 'x-content-type-options': 'nosniff' });
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
  store.then(({ recovery }) => {
    for (const problem of recovery.problems) console.warn(`lms-errors demo store: ${problem}`);
  }, () => {});
  Promise.resolve(lms).catch(() => {});

  return createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const method = request.method ?? 'GET';
    const done = (promise) => promise.catch((error) => sendText(response, 500, `internal error: ${error.message}`));
    if (url.pathname.startsWith('/api/')) return done(handleApi(request, response, url));
    if (method !== 'GET' && method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    if (pages[url.pathname]) return done(sendFile(request, response, pages[url.pathname], method));
    if (pages[`${url.pathname}/`]) return redirect(response, `${url.pathname}/${url.search}`);
    let relativePath;
    try {
      relativePath = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      return sendText(response, 400, 'bad request');
    }
    if (relativePath.endsWith('/')) relativePath += 'index.html';
    return done(sendFile(request, response, relativePath, method));
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
