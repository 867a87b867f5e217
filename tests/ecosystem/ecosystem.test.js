// The packed package in the apps frontend developers have: each setup builds a tiny app from
// the `npm pack` tarball (apps/<setup>/ + apps/shared/checks.js, copied into work/<setup>/) and
// checks, in Chromium or in the test runner, that init() speaks en-GB, init({ locales: ['cy'] })
// Welsh, init({ locales: ['de'] }) falls back with a warning, and parse + format give the line.
// The tools (Vite 8, webpack 5, Next.js 16, esbuild, Vitest, Jest, React 19, TypeScript, and
// TanStack Query, ky and axios for the adapter apps) are
// installed once into tests/ecosystem/node_modules from this folder's own lock file, which stays
// out of the package's. Apps without a package.json of their own (apps/vite) take this folder's,
// as a real app's root holds its node_modules (Vite's dev server serves files inside it only). Run: node --test tests/ecosystem/ecosystem.test.js
//
// Adapter apps (TanStack Query, ky, axios through lms-errors' adapters) are in the section
// "Adapter apps" at the end: same helpers, one test each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { launchChromium } from '../browser/support.js';
import { ANSWER, REQUESTS, SCENARIOS, SCRIPTS } from './apps/shared/adapter-scenarios.js';

const execute = promisify(execFile);
const here = fileURLToPath(new URL('./', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(here, 'work');
const modules = join(here, 'node_modules');
const bin = (name) => join(modules, '.bin', name);
const run = (file, args, options = {}) => execute(file, args, { maxBuffer: 1 << 26, ...options, env: { ...process.env, ...options.env } });

// What every app must report, from the shipped locale files themselves.
const readLocale = async (locale, namespace) => JSON.parse(await readFile(join(root, 'i18n', locale, `${namespace}.json`), 'utf8'));
const enGB = { common: await readLocale('en-GB', 'common'), lms: await readLocale('en-GB', 'lms') };
const cy = await readLocale('cy', 'lms');
const englishLine = `${enGB.lms['LMS-ADM-007']} [LMS-ADM-007]`;
const expected = {
  english: enGB.common['ui.retryIn_other'].replace('{{count}}', '3'),
  line: englishLine,
  welsh: `${cy['LMS-ADM-007']} [LMS-ADM-007]`,
  german: englishLine,
  warnings: ['lms-errors: no translations for locale "de"; using en-GB'],
};

let browser;

before(async () => {
  // Vite 8, Next.js 16, Vitest 4 and jsdom 27 need it (the package itself runs on Node 18).
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) throw new Error(`tests/ecosystem needs Node >= 20.19 for the tools it builds with; this is Node ${process.versions.node}`);
  // The tools, once (npm ci is quick when node_modules matches the lock file).
  const lock = await stat(join(here, 'package-lock.json'));
  const installed = await stat(join(modules, '.package-lock.json')).catch(() => null);
  if (!installed || installed.mtimeMs < lock.mtimeMs) await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here });
  // The package as users get it: packed, then unpacked where every app resolves 'lms-errors'.
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root });
  await run('tar', ['-xzf', join(work, JSON.parse(stdout)[0].filename), '-C', work]);
  await rm(join(modules, 'lms-errors'), { recursive: true, force: true });
  await rename(join(work, 'package'), join(modules, 'lms-errors'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Copies apps/<name>/ and the shared checks into work/<name>/, where node_modules is the tools'. */
async function prepare(name, { from = name } = {}) {
  const dir = join(work, name);
  await cp(join(here, 'apps', from), dir, { recursive: true });
  const checks = await readFile(join(here, 'apps', 'shared', 'checks.js'), 'utf8');
  const target = existsSync(join(dir, 'app')) ? join(dir, 'app') : dir;
  await writeFile(join(target, 'checks.js'), checks);
  // For CommonJS apps: the same function as a CommonJS module.
  await writeFile(join(target, 'checks.cjs'), `${checks.replace('export async function runChecks', 'async function runChecks')}\nmodule.exports = { runChecks };\n`);
  return dir;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/**
 * A static server for a built app (404 for what is not there: no SPA fallback to hide a miss);
 * `api(name, request, response)` answers /api/<name> if given.
 */
function serve(folder, { api } = {}) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://x');
    if (api && pathname.startsWith('/api/')) return api(decodeURIComponent(pathname.slice('/api/'.length)), request, response);
    const path = normalize(join(folder, decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/\/$/, '/index.html')));
    if (!path.startsWith(folder)) return response.writeHead(404).end();
    try {
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A free loopback port for a server the harness does not own (vite, next start). */
function freePort() {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  }));
}

/** Starts a long-running command and resolves once `ready` appears on its output. */
async function start(file, args, { cwd, ready, env }) {
  const child = spawn(file, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL'); // its pipes would keep this test process alive
      } catch {
        /* already gone */
      }
      reject(new Error(`${file} did not become ready:\n${output}`));
    }, 180_000);
    const listen = (chunk) => {
      // Colours are on where CI is set (picocolors): match the text without them.
      output += stripVTControlCharacters(String(chunk));
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', listen);
    child.stderr.on('data', listen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      /* already gone */
    }
  };
  // A server that ignores SIGTERM (seen: Vite's dev server mid-request) would keep its pipes,
  // and so this test process, alive for ever: SIGKILL after 5 s, and wait for the exit.
  const stop = async () => {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { stop, output: () => output };
}

/** Opens a page and returns JSON.parse of `selector`'s text once the app has written it. */
async function pageResult(url, selector = '#out') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  try {
    await page.goto(url);
    await page.waitForFunction((s) => { const text = document.querySelector(s)?.textContent; return text && text !== 'loading'; }, selector, { timeout: 60_000 });
    const text = await page.textContent(selector);
    assert.deepEqual(problems, [], 'no page errors, no failed requests');
    return JSON.parse(text);
  } finally {
    await page.close();
  }
}

async function inBrowser(folder) {
  const server = await serve(folder);
  try {
    return await pageResult(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }
}

test('Vite 8 dev server (the README config only)', async () => {
  const app = await prepare('vite-dev', { from: 'vite' });
  const port = await freePort();
  const server = await start(process.execPath, [join(modules, 'vite', 'bin', 'vite.js'), '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: app, ready: /Local:/ });
  try {
    assert.deepEqual(await pageResult(`http://127.0.0.1:${port}/`), expected);
  } finally {
    await server.stop();
  }
});

test('Vite 8 production build', async () => {
  const app = await prepare('vite-build', { from: 'vite' });
  await run(process.execPath, [join(modules, 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: app });
  const assets = await readdir(join(app, 'dist', 'assets'));
  assert.ok(assets.some((name) => name.endsWith('.wasm')), `the .wasm is emitted: ${assets}`);
  assert.deepEqual(await inBrowser(join(app, 'dist')), expected);
});

test('webpack 5 production build (no loaders or plugins)', async () => {
  const app = await prepare('webpack');
  await run(process.execPath, ['build.js'], { cwd: app });
  await cp(join(app, 'index.html'), join(app, 'dist', 'index.html'));
  assert.deepEqual(await inBrowser(join(app, 'dist')), expected);
});

test('esbuild (bundle + splitting, the .wasm by the file loader)', async () => {
  const app = await prepare('esbuild');
  await run(process.execPath, ['build.js'], { cwd: app });
  await cp(join(app, 'index.html'), join(app, 'dist', 'index.html'));
  assert.deepEqual(await inBrowser(join(app, 'dist')), expected);
});

test('Rollup (@rollup/wasm-node + node-resolve; the .wasm copied, init({ wasmUrl }))', async () => {
  const app = await prepare('rollup');
  await run(process.execPath, ['build.js'], { cwd: app });
  const chunks = await readdir(join(app, 'dist'));
  assert.ok(chunks.some((name) => name.startsWith('cy')), `the Welsh locale is a chunk of its own: ${chunks}`);
  await cp(join(app, 'index.html'), join(app, 'dist', 'index.html'));
  assert.deepEqual(await inBrowser(join(app, 'dist')), expected);
});

for (const bundler of ['turbopack', 'webpack']) {
  test(`Next.js 16 (${bundler}) build + start: a server and a client component`, async () => {
    const app = await prepare(`next-${bundler}`, { from: 'next' });
    const next = join(modules, 'next', 'dist', 'bin', 'next');
    const env = { NEXT_TELEMETRY_DISABLED: '1' };
    await run(process.execPath, [next, 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])], { cwd: app, env });
    const port = await freePort();
    const server = await start(process.execPath, [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: app, env, ready: /Ready in|started server|Local:/ });
    try {
      assert.deepEqual(await pageResult(`http://127.0.0.1:${port}/`, '#server'), expected, 'server component');
      assert.deepEqual(await pageResult(`http://127.0.0.1:${port}/`), expected, 'client component');
    } finally {
      await server.stop();
    }
  });
}

for (const environment of ['jsdom', 'happy-dom']) {
  test(`Vitest (${environment}), no setup file`, async () => {
    const app = await prepare(`vitest-${environment}`, { from: 'vitest' });
    await run(process.execPath, [join(modules, 'vitest', 'vitest.mjs'), 'run', '--environment', environment], { cwd: app, env: { LMS_EXPECTED: JSON.stringify(expected), CI: '1' } });
  });
}

test('Jest, ESM mode with jsdom (the package\'s preset)', async () => {
  const app = await prepare('jest-esm');
  await run(process.execPath, [join(modules, 'jest', 'bin', 'jest.js'), '--ci'], { cwd: app, env: { LMS_EXPECTED: JSON.stringify(expected), NODE_OPTIONS: '--experimental-vm-modules --no-warnings' } });
});

test('Jest, CommonJS mode with jsdom (the package\'s preset)', async () => {
  const app = await prepare('jest-cjs');
  await run(process.execPath, [join(modules, 'jest', 'bin', 'jest.js'), '--ci'], { cwd: app, env: { LMS_EXPECTED: JSON.stringify(expected) } });
});

test('Jest, node environment, no preset', async () => {
  const app = await prepare('jest-node');
  await run(process.execPath, [join(modules, 'jest', 'bin', 'jest.js'), '--ci'], { cwd: app, env: { LMS_EXPECTED: JSON.stringify(expected) } });
});

test('React 19 + TypeScript (and React 18 types): <lms-error> typed in JSX, its props and events in Chromium', async () => {
  const app = await prepare('react');
  const tsc = join(modules, 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
  // The same JSX types under @types/react 18 (the ref + addEventListener pattern, Box18.tsx).
  const { stdout: react18Files } = await run(process.execPath, [tsc, '-p', 'tsconfig.react18.json', '--listFiles'], { cwd: app });
  assert.match(react18Files, /@types\/react-18\/index\.d\.ts/);
  // The types must also reject what the element does not take.
  const wrong = await run(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], { cwd: app }).then(() => null, (error) => error.stdout);
  assert.ok(wrong, 'wrong.tsx must not type-check');
  assert.match(wrong, /wrong\.tsx\(4,[0-9]+\): error TS2322: Type '"parent"' is not assignable/);
  assert.match(wrong, /wrong\.tsx\(5,[0-9]+\): error TS2(322|353|559)/);

  const { build } = await import(join(modules, 'esbuild', 'lib', 'main.js'));
  await build({ entryPoints: [join(app, 'App.tsx')], outdir: join(app, 'dist'), bundle: true, splitting: true, format: 'esm', jsx: 'automatic', loader: { '.wasm': 'file' }, target: 'es2022', logLevel: 'error', absWorkingDir: app });
  await cp(join(app, 'index.html'), join(app, 'dist', 'index.html'));
  const server = await serve(join(app, 'dist'));
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const box = page.locator('lms-error');
    await box.locator('code').waitFor();
    assert.equal(await box.locator('code').textContent(), 'LMS-ADM-007', 'React 19 set the error property');
    const welsh = JSON.parse(await readFile(join(root, 'i18n', 'cy', 'common.json'), 'utf8'))['entity.student'];
    assert.equal(await page.getAttribute('html', 'data-welsh-student'), welsh, "init({ resources }) with the app's own import of lms-errors/i18n/cy/common.json");
    assert.match(await box.locator('.message, .title').allTextContents().then((texts) => texts.join(' ')), new RegExp(enGB.lms['LMS-ADM-007']));
    await box.locator('button.action').click();
    await page.waitForFunction(() => document.getElementById('heard').textContent.split(',').length === 2);
    const action = await box.getAttribute('data-action');
    assert.deepEqual((await page.textContent('#heard')).split(',').sort(), [`listener:${action}`, `prop:${action}`], 'React 19 listens to onlms-action; the ref listener works too');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    server.close();
  }
});

// ---- Adapter apps ---------------------------------------------------------------------------
// TanStack Query (React), ky and axios apps through lms-errors/tanstack-query, /ky and /axios,
// bundled by esbuild as the README shows, each asking a scripted server for the scenarios of
// apps/shared/adapter-scenarios.js. The server counts and times every request; what the apps
// must have done is what lms.decide() says, played on one instance of the packed package's Node
// entry with recordSuccess() after each success (as the adapters promise), and the README's own
// words are checked beside it: every failure that one retry cures is retried, a Retry-After of
// 1 s is waited exactly, a 422 and a 401 go out once, and a server that stays down gets one
// retry from the bank.

/** What each scenario must end in: the number of requests and what the app's code is handed. */
async function adapterExpectations() {
  const { init } = await import('lms-errors'); // the unpacked tarball's Node entry
  const lms = await init();
  const expectations = {};
  for (const name of SCENARIOS) {
    const script = SCRIPTS[name];
    const retries = [];
    for (let attempt = 1; ; attempt++) {
      const response = script[Math.min(attempt, script.length) - 1];
      if (response.status < 400) {
        lms.recordSuccess(retries);
        expectations[name] = { requests: attempt, result: { ok: JSON.parse(response.body) } };
        break;
      }
      const error = lms.parse(response);
      const decision = lms.decide(error, { attempt, ...REQUESTS[name] });
      if (!decision.retry) {
        expectations[name] = { requests: attempt, result: { code: error.code, line: lms.format(error), decision } };
        break;
      }
      retries.push(decision);
    }
  }
  // The README's promises, so that the reference itself cannot drift from them.
  for (const name of ['hint', 'throttled', 'flaky-1', 'flaky-2', 'flaky-3', 'post-keyed']) assert.equal(expectations[name].requests, 2, `${name}: one failure, one retry`);
  for (const name of ['invalid', 'signed-out', 'post']) assert.equal(expectations[name].requests, 1, `${name}: not retried`);
  assert.equal(expectations.post.result.decision.reason, 'non_idempotent');
  assert.equal(expectations.invalid.result.decision.action, 'fix');
  assert.deepEqual([expectations.down.requests, expectations.down.result.decision.reason], [2, 'budget_exhausted']);
  assert.equal(expectations['signed-out'].result.line, `${enGB.lms['LMS-AUTH-002']} [LMS-AUTH-002]`);
  return expectations;
}

/** Builds apps/<name> with esbuild, serves it with the scripted API, loads it in Chromium. */
async function adapterApp(name, { entry, kind }) {
  const app = await prepare(name);
  await cp(join(here, 'apps', 'shared', 'adapter-scenarios.js'), join(app, 'scenarios.js'));
  const { build } = await import(join(modules, 'esbuild', 'lib', 'main.js'));
  await build({ entryPoints: [join(app, entry)], outdir: join(app, 'dist'), bundle: true, splitting: true, format: 'esm', jsx: 'automatic', loader: { '.wasm': 'file' }, target: 'es2022', logLevel: 'error', absWorkingDir: app });
  await cp(join(app, 'index.html'), join(app, 'dist', 'index.html'));

  const arrivals = Object.fromEntries(SCENARIOS.map((scenario) => [scenario, []]));
  const api = async (scenario, request, response) => {
    const seen = arrivals[scenario];
    if (!seen) return response.writeHead(404).end();
    const at = performance.now();
    let sent = '';
    for await (const chunk of request) sent += chunk;
    seen.push({ at, method: request.method, idempotencyKey: request.headers['idempotency-key'], sent });
    const script = SCRIPTS[scenario];
    const { status, headers, body } = script[Math.min(seen.length, script.length) - 1];
    response.writeHead(status, headers).end(body);
  };
  const server = await serve(join(app, 'dist'), { api });
  let results;
  try {
    results = await pageResult(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }

  const expectations = await adapterExpectations();
  assert.deepEqual(Object.keys(results), SCENARIOS, `every scenario reported: ${JSON.stringify(results)}`);
  for (const scenario of SCENARIOS) {
    const { requests, result } = expectations[scenario];
    assert.equal(arrivals[scenario].length, requests, `${scenario}: requests at the server`);
    const { method, idempotencyKey } = REQUESTS[scenario];
    const sent = method === 'GET' ? '' : JSON.stringify(ANSWER);
    for (const arrival of arrivals[scenario]) assert.deepEqual({ ...arrival, at: 0 }, { at: 0, method, idempotencyKey, sent }, `${scenario}: every attempt is the same request`);
    if ('ok' in result) {
      assert.deepEqual(results[scenario], result, `${scenario}: the app got the data`);
    } else {
      assert.deepEqual(results[scenario], { kind, ...result }, `${scenario}: the app's error, its normalized error's line and the decision`);
    }
  }
  // The server's hint is waited exactly (no jitter, not the policy's backoff).
  for (const scenario of ['hint', 'throttled', 'down']) {
    const [first, second] = arrivals[scenario].map(({ at }) => at);
    assert.ok(second - first >= 990 && second - first < 2500, `${scenario}: retried ${Math.round(second - first)} ms after the 1 s hint`);
  }
  return results;
}

test('TanStack Query (React) through lms-errors/tanstack-query: retries as lms.decide() says, LmsQueryError with the line', async () => {
  await adapterApp('tanstack-query', { entry: 'main.jsx', kind: 'LmsQueryError' });
});

test('ky through lms-errors/ky: retries as lms.decide() says, HTTPError with .error and .decision', async () => {
  await adapterApp('ky', { entry: 'main.js', kind: 'HTTPError' });
});

test('axios through lms-errors/axios: retries as lms.decide() says, AxiosError with .error and .decision', async () => {
  await adapterApp('axios', { entry: 'main.js', kind: 'AxiosError' });
});
