// A scripted HTTP server for the client suites (fetch.test.js, adapters.test.js): each request
// is answered by the test's respond(req, res, n, body), n counting from 1, and recorded; every
// server is closed when the suite ends.
import { after } from 'node:test';
import { createServer } from 'node:http';

const servers = [];
after(() => Promise.all(servers.map((server) => new Promise((resolve) => {
  server.closeAllConnections();
  server.close(resolve);
}))));

/** Listens on a free port; resolves to { url, requests: [{ method, url, headers, body }] }. */
export async function serve(respond) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      respond(req, res, requests.length, body);
    });
  });
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/api/answers`, requests };
}

/** A JSON answer (a string body is sent as it is). */
export function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
