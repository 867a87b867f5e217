// The demo server behind `npm start`: serves the package files and the demo pages on loopback.
// PORT overrides the default 8080; HOST stays on loopback unless told otherwise.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};
// Only these folders are served: the package's runtime files and the demo.
const servedFolders = ['web', 'dist', 'i18n', 'catalogue'];

async function serveFile(response, urlPath) {
  let relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const path = normalize(join(root, relative));
  const top = relative.split('/')[0];
  if (!path.startsWith(root) || !servedFolders.includes(top) || relative.split(sep).includes('..')) {
    return sendText(response, 404, 'not found');
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) return redirect(response, `${urlPath.replace(/\/?$/, '/')}`);
    const body = await readFile(path);
    response.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(body);
  } catch {
    sendText(response, 404, 'not found');
  }
}

function sendText(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function redirect(response, location) {
  response.writeHead(302, { location });
  response.end();
}

export function createDemoServer() {
  return createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/') return redirect(response, '/web/demo/');
    serveFile(response, url.pathname).catch(() => sendText(response, 500, 'internal error'));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  createDemoServer().listen(port, host, () => {
    console.log(`lms-errors demo: http://localhost:${port}/`);
  });
}
