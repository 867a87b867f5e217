// A Vite 7 production build of a tiny app that imports the packed package: the .wasm must be
// found and the page must show real look-ups in Chromium. Vite is installed into the temporary
// app (not a devDependency here): this registry lacks rollup's other-platform binaries, which
// would leave the project's lock file unusable for `npm ci`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium } from './support.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'lms-errors-vite-'));
after(() => rm(dir, { recursive: true, force: true }));

function serve(folder) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
  const server = createServer(async (request, response) => {
    const path = normalize(join(folder, new URL(request.url, 'http://x').pathname.replace(/\/$/, '/index.html')));
    if (!path.startsWith(folder)) return response.writeHead(404).end();
    try {
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a Vite 7 production build loads the WASM in Chromium', async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const app = join(dir, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'vite-app', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', 'vite@7', join(dir, JSON.parse(stdout)[0].filename)], { cwd: app, maxBuffer: 1 << 24 });
  await writeFile(join(app, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"></head><body><p id="out">loading</p><script type="module" src="/main.js"></script></body></html>');
  await writeFile(
    join(app, 'main.js'),
    `import { init } from 'lms-errors';
const lms = await init();
const entry = lms.lookup('LMS-ADM-007');
document.getElementById('out').textContent = entry.code + ' → ' + entry.status + ' ' + entry.message;
`,
  );
  // The same configuration the README tells users to write.
  await writeFile(join(app, 'vite.config.js'), "export default { optimizeDeps: { exclude: ['lms-errors'] } };\n");
  await run(join(app, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { cwd: app });
  const assets = await readdir(join(app, 'dist', 'assets'));
  assert.ok(assets.some((name) => name.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);

  const server = await serve(join(app, 'dist'));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading');
    assert.equal(await page.textContent('#out'), 'LMS-ADM-007 → 500 update failed');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'vite-app.png') });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
