// A real NestJS app (tests/nestjs/) whose global filter is lms-errors/nestjs's LmsExceptionFilter:
// compiled with tsc (decorators, strict) against the generated error-code module, started on
// loopback on Nest's Express and Fastify platforms with CORS for the school's web app, and every
// answer read back with lms.parse — for every nestjs catalogue code, the
// seed's HTTP_<status> fallback (Nest's HttpExceptions) and unhandled errors (500). Each body
// must be byte-identical to emit()'s, in seed 003's shape; causes are logged, never sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { init } from 'lms-errors';
import { AppException, LmsExceptionFilter, exposedHeaders, fieldErrors, typedAppException, validationException } from 'lms-errors/nestjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const NOW = Date.UTC(2026, 2, 10, 12);
const TIMESTAMP = '2026-03-10T12:00:00.000Z';
const SEED_KEYS = ['statusCode', 'code', 'message', 'timestamp', 'path'];

const lms = await init();
const logs = [];
// The same app on both of Nest's HTTP platforms: { express: { app, url }, fastify: { app, url } }.
const PLATFORMS = ['express', 'fastify'];
const servers = {};
let appOrigin;
let dir;
let tscOutput;
let typesDir;
let packageTypesOutput;

before(async () => {
  // Both tsc runs at once: the second core is otherwise idle while the first one compiles.
  typesDir = await mkdtemp(join(tmpdir(), 'lms-errors-nestjs-types-'));
  packageTypesOutput = checkPackageTypes(typesDir);
  packageTypesOutput.catch(() => {});
  dir = await mkdtemp(join(tmpdir(), 'lms-errors-nestjs-'));
  await cp(join(root, 'tests/nestjs/src'), join(dir, 'src'), { recursive: true });
  await cp(join(root, 'tests/nestjs/tsconfig.json'), join(dir, 'tsconfig.json'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'nestjs-app', private: true, type: 'module' }));
  // What a server does: its error-code module is generated from the catalogue in force.
  await writeFile(join(dir, 'src/error-codes.ts'), lms.codegen('ts', { dialect: 'nestjs' }));
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(join(root, 'node_modules'))) {
    if (!name.startsWith('.')) await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  await symlink(root, join(dir, 'node_modules/lms-errors'), 'dir');
  // src/type-errors.ts must not compile, so tsc exits non-zero; it still emits the app.
  tscOutput = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir }).then(
    ({ stdout }) => stdout,
    (error) => `${error.stdout}${error.stderr}`,
  );
  const { startApp, APP_ORIGIN } = await import(pathToFileURL(join(dir, 'out/main.js')).href);
  appOrigin = APP_ORIGIN;
  const options = { now: () => NOW, logger: { error: (message, detail) => logs.push(`${message}\n${detail}`) } };
  for (const platform of PLATFORMS) servers[platform] = await startApp(lms, options, platform);
});

after(async () => {
  for (const { app } of Object.values(servers)) await app.close();
  await packageTypesOutput?.catch(() => {});
  for (const folder of [dir, typesDir]) if (folder) await rm(folder, { recursive: true, force: true });
});

/** One request to the app at `baseUrl` from the school's web app: the response as parse() takes it, and the parsed error. */
async function requestTo(baseUrl, method, path, json) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: json === undefined ? { origin: appOrigin } : { origin: appOrigin, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = await response.text();
  const headers = Object.fromEntries(response.headers);
  return { status: response.status, headers, body, error: lms.parse({ status: response.status, headers, body }) };
}

/**
 * The response equals emit()'s: status, every header emit() sends, the body byte for byte; and
 * what the app sets on every response is on it too: its CORS headers (a page on another origin
 * reads the error and its hints) and the security header its helmet-like hook sets.
 */
function assertEmitted(received, emitted, label) {
  assert.equal(received.status, emitted.status, `${label}: status`);
  for (const [name, value] of Object.entries(emitted.headers)) assert.equal(received.headers[name], value, `${label}: header ${name}`);
  assert.equal(received.body, emitted.body, `${label}: body`);
  assert.equal(received.headers['access-control-allow-origin'], appOrigin, `${label}: CORS origin`);
  const exposed = (received.headers['access-control-expose-headers'] ?? '').split(',').map((name) => name.trim());
  assert.deepEqual(exposed, exposedHeaders(lms), `${label}: the headers emit() sends are exposed`);
  assert.equal(received.headers['x-content-type-options'], 'nosniff', `${label}: the header the app's hook set on the response`);
}

/** Seed 003's envelope: the five base fields in order, then params/data when present. */
function assertSeedShape(body, { status, code, message, path, extra = [] }) {
  const parsed = JSON.parse(body);
  assert.deepEqual(Object.keys(parsed), [...SEED_KEYS, ...extra], `${code}: seed 003's fields`);
  assert.equal(parsed.statusCode, status);
  assert.equal(parsed.code, code);
  assert.equal(parsed.message, message);
  assert.equal(parsed.timestamp, TIMESTAMP);
  assert.equal(parsed.path, path);
  return parsed;
}

const fill = (template, params) => template.replace(/\{(\w+)\}/g, (all, name) => params[name] ?? all);

test('the app compiles under tsc --strict; each misuse of the typed AppException is a type error, and nothing else is', () => {
  const errors = tscOutput.split('\n').filter((line) => /error TS\d+/.test(line));
  for (const line of errors) assert.match(line, /^src\/type-errors\.ts\(/, `only type-errors.ts may fail:\n${tscOutput}`);
  const byLine = new Map(errors.map((line) => [Number(/\((\d+),/.exec(line)[1]), line]));
  assert.match(byLine.get(5) ?? '', /TS2554: Expected 2-3 arguments, but got 1/, 'NOT_FOUND without { entity }');
  assert.match(byLine.get(6) ?? '', /'name' does not exist in type '\{ entity: string; \}'/, 'a param NOT_FOUND does not have');
  assert.match(byLine.get(7) ?? '', /'\{ expected: string; \}' is not assignable to parameter of type '\{ expected: string; received: string; \}'/, 'SETUP_STEP_MISMATCH without received');
  assert.match(byLine.get(8) ?? '', /not assignable to type 'never'/, 'params for a code that has none');
  assert.match(byLine.get(9) ?? '', /'"STUDENT_MISSING"' is not assignable/, 'an unknown code');
  assert.match(byLine.get(10) ?? '', /'string' is not assignable to type 'number'/, 'retryAfter must be seconds');
  assert.equal(byLine.size, 6, tscOutput);
});

/** tsc --strict, without skipLibCheck, over an app using lms-errors/nestjs outside Nest; its output. */
async function checkPackageTypes(typesDir) {
  await mkdir(join(typesDir, 'node_modules'));
  await symlink(root, join(typesDir, 'node_modules/lms-errors'), 'dir');
  await writeFile(join(typesDir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    join(typesDir, 'app.ts'),
    `import { init, type EmittedResponse } from 'lms-errors';
import { AppException, LmsExceptionFilter, exposedHeaders, fieldErrors, typedAppException, validationException, type TypedAppException } from 'lms-errors/nestjs';
interface Params { NOT_FOUND: { entity: string }; INTERNAL_ERROR: Record<string, never> }
const lms = await init();
const filter = new LmsExceptionFilter(lms, { dialect: 'lms', now: () => 0, logger: console });
const sent: EmittedResponse = filter.respond(new AppException('LMS-ADM-007'), { url: '/x' });
const Typed: TypedAppException<Params> = typedAppException<Params>();
const notFound = new Typed('NOT_FOUND', { entity: 'student' }, { cause: new Error('db'), retryAfter: 5 });
const code: 'NOT_FOUND' = notFound.code;
const asBase: AppException = notFound;
console.log(sent.status, code, asBase.params, new Typed('INTERNAL_ERROR').emitOptions);
new LmsExceptionFilter(lms, { dialect: 'problem' });
const seedErrors: { field: string; rule: string; params?: unknown }[] = fieldErrors([{ property: 'email', constraints: { isEmail: 'bad' } }]);
const invalid: AppException<'VALIDATION_FAILED'> = validationException([]);
console.log(seedErrors, new LmsExceptionFilter(lms, { codeForStatus: { 429: 'RATE_LIMITED' } }).respond(invalid).body);
const exposed: string[] = exposedHeaders(lms);
console.log(exposed);
`,
  );
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'app.ts'];
  return run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...args], { cwd: typesDir }).then(() => '', (error) => `${error.stdout}${error.stderr}`);
}

test("lms-errors/nestjs's own declarations type-check strictly, without skipLibCheck, outside Nest", async () => {
  const output = await packageTypesOutput;
  const errors = output.split('\n').filter((line) => /error TS/.test(line));
  assert.equal(errors.length, 1, output);
  assert.match(errors[0], /^app\.ts\(12,.*'"problem"' is not assignable/, 'problem has no catalogue entries to send');
});

for (const platform of PLATFORMS) {
  describe(`on Nest's ${platform} platform`, () => {
    const request = (method, path, json) => requestTo(servers[platform].url, method, path, json);

    test('every nestjs catalogue code: seed 003 shape, byte-identical to emit(), parse() reads back the same error', async () => {
      const entries = lms.entries().filter((entry) => entry.dialect === 'nestjs');
      assert.ok(entries.length >= 27, 'seed 003 has 27 codes');
      for (const entry of entries) {
        const params = entry.params.length ? Object.fromEntries(entry.params.map((name) => [name, `${name}-value`])) : undefined;
        const received = await request('POST', '/api/v1/throw', { code: entry.code, params });
        const emitted = lms.emit('nestjs', entry.code, params, { path: '/api/v1/throw', timestamp: NOW });
        assertEmitted(received, emitted, entry.code);
        const message = fill(entry.message, params ?? {});
        assertSeedShape(received.body, { status: entry.status, code: entry.code, message, path: '/api/v1/throw', extra: params ? ['params'] : [] });
        const { dialect, code, status, message: parsedMessage, known } = received.error;
        assert.deepEqual({ dialect, code, status, message: parsedMessage, known }, { dialect: 'nestjs', code: entry.code, status: entry.status, message, known: true });
        assert.deepEqual(received.error.params ?? {}, params ?? {}, `${entry.code}: params read back`);
      }
    });

    test('HTTP_<status>: a Nest HttpException without a code is the seed fallback, for every catalogued status and an uncatalogued one', async () => {
      // 429 is the app's RATE_LIMITED (codeForStatus), tested below.
      const statuses = [...lms.entries().filter((entry) => entry.dialect === 'http' && entry.status !== 429).map((entry) => entry.status), 418, 599];
      for (const status of statuses) {
        const path = `/api/v1/http/${status}`;
        const received = await request('GET', path);
        const emitted = lms.emit('nestjs', `HTTP_${status}`, null, { path, timestamp: NOW });
        assertEmitted(received, emitted, `HTTP_${status}`);
        const catalogued = lms.lookup(`HTTP_${status}`, 'http');
        assertSeedShape(received.body, { status, code: `HTTP_${status}`, message: catalogued?.message ?? `HTTP ${status}`, path });
        assert.deepEqual([received.error.dialect, received.error.code, received.error.status], ['nestjs', `HTTP_${status}`, status]);
      }
    });

    test("Nest's built-in exceptions: a 4xx text is sent, a 5xx text is logged and the catalogue's words sent", async () => {
      const plain = await request('GET', '/api/v1/teachers/7');
      assertEmitted(plain, lms.emit('nestjs', 'HTTP_404', null, { path: '/api/v1/teachers/7', timestamp: NOW }), 'NotFoundException()');
      assert.equal(plain.error.message, 'Not Found');

      const worded = await request('GET', '/api/v1/classes/7');
      assertEmitted(worded, lms.emit('nestjs', 'HTTP_404', null, { path: '/api/v1/classes/7', timestamp: NOW, message: 'Class not found' }), "NotFoundException('Class not found')");
      assert.deepEqual([worded.error.code, worded.error.message], ['HTTP_404', 'Class not found']);

      const withText = await request('GET', '/api/v1/http/409?text=Already%20enrolled');
      assert.equal(withText.error.message, 'Already enrolled');

      logs.length = 0;
      const down = await request('GET', '/api/v1/reports');
      assertEmitted(down, lms.emit('nestjs', 'HTTP_503', null, { path: '/api/v1/reports', timestamp: NOW }), 'ServiceUnavailableException(text)');
      assert.doesNotMatch(down.body, /db-host-7/);
      assert.equal(down.error.message, 'Service Unavailable');
      assert.match(logs.join('\n'), /HTTP_503 at \/api\/v1\/reports[\s\S]*report worker on db-host-7 is down/);

      const unrouted = await request('GET', '/api/v1/no-such-route?q=1');
      assert.deepEqual([unrouted.status, unrouted.error.code], [404, 'HTTP_404'], "Nest's own 404 for an unknown route");
      assert.equal(JSON.parse(unrouted.body).path, '/api/v1/no-such-route', 'path without the query string');
    });

    test("class-validator failures through Nest's ValidationPipe are VALIDATION_FAILED with seed 003's data.errors", async () => {
      const invalid = await request('POST', '/api/v1/students', { email: 'not-an-email', anagraphic: { firstName: 'x'.repeat(101) } });
      const errors = [
        { field: 'email', rule: 'isEmail' },
        { field: 'anagraphic.firstName', rule: 'maxLength', params: { max: '100' } },
      ];
      assertEmitted(invalid, lms.emit('nestjs', 'VALIDATION_FAILED', null, { path: '/api/v1/students', timestamp: NOW, data: { errors } }), 'VALIDATION_FAILED');
      assertSeedShape(invalid.body, { status: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', path: '/api/v1/students', extra: ['data'] });
      assert.deepEqual(invalid.error.fieldErrors, errors);

      const empty = await request('POST', '/api/v1/students', { email: 'pupil@example.org', anagraphic: { firstName: '' } });
      assert.deepEqual(empty.error.fieldErrors, [{ field: 'anagraphic.firstName', rule: 'isNotEmpty' }]);

      logs.length = 0;
      const valid = await request('POST', '/api/v1/students', { email: 'pupil@example.org', anagraphic: { firstName: 'Ada' } });
      assert.deepEqual([valid.status, valid.error.code, valid.error.message], [409, 'CONFLICT', 'student already exists']);
      assert.doesNotMatch(valid.body, /unique constraint/);
      assert.match(logs.join('\n'), /unique constraint on email pupil@example\.org/);
    });

    test("the throttler's 429 is RATE_LIMITED (codeForStatus), with the catalogue's words", async () => {
      const throttled = await request('POST', '/api/v1/login');
      assertEmitted(throttled, lms.emit('nestjs', 'RATE_LIMITED', null, { path: '/api/v1/login', timestamp: NOW }), 'RATE_LIMITED');
      assert.deepEqual([throttled.error.code, throttled.error.message, throttled.error.known], ['RATE_LIMITED', 'Too many requests', true]);
    });

    test('an unhandled Error is INTERNAL_ERROR 500: the error and its stack logged, nothing of it sent', async () => {
      logs.length = 0;
      const crash = await request('GET', '/api/v1/crash');
      assertEmitted(crash, lms.emit('nestjs', 'INTERNAL_ERROR', null, { path: '/api/v1/crash', timestamp: NOW }), 'Error');
      assertSeedShape(crash.body, { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', path: '/api/v1/crash' });
      assert.doesNotMatch(crash.body, /db-host-7|password/);
      assert.equal(logs.length, 1);
      assert.match(logs[0], /^unhandled at \/api\/v1\/crash\nError: connection to db-host-7:5432 refused[\s\S]*at SchoolController\.crash/);
      assert.deepEqual([crash.error.code, crash.error.status, crash.error.message], ['INTERNAL_ERROR', 500, 'Internal server error']);
    });

    test("seed 003's typed services: the cause is logged, never sent; params and data are sent", async () => {
      logs.length = 0;
      const student = await request('GET', '/api/v1/students/abc-123');
      const emitted = lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }, { path: '/api/v1/students/abc-123', timestamp: NOW });
      assertEmitted(student, emitted, 'NOT_FOUND');
      assert.equal(student.body, `{"statusCode":404,"code":"NOT_FOUND","message":"student not found","timestamp":"${TIMESTAMP}","path":"/api/v1/students/abc-123","params":{"entity":"student"}}`);
      assert.doesNotMatch(student.body, /prisma|db-host-7/);
      assert.equal(logs.length, 1);
      assert.match(logs[0], /^NOT_FOUND at \/api\/v1\/students\/abc-123\nError: prisma P2025: no Student row for id abc-123 on db-host-7/);

      logs.length = 0;
      const step = await request('POST', '/api/v1/setup/step', { currentStep: '5' });
      assert.deepEqual(step.error.params, { expected: '3', received: '5' });
      assert.equal(step.error.message, 'Expected step 3, received 5');

      const periods = await request('POST', '/api/v1/setup/periods');
      assert.deepEqual(periods.error.params, { reason: 'overlap', field: 'periods' });

      const imported = await request('POST', '/api/v1/imports');
      const errors = [{ code: 'FIELD_INVALID', column: 'gender', rows: '2-5, 8', allowedValues: ['MALE', 'FEMALE'] }];
      assertEmitted(imported, lms.emit('nestjs', 'IMPORT_VALIDATION_FAILED', null, { path: '/api/v1/imports', timestamp: NOW, data: { errors } }), 'IMPORT_VALIDATION_FAILED');
      assertSeedShape(imported.body, { status: 422, code: 'IMPORT_VALIDATION_FAILED', message: 'Import validation failed', path: '/api/v1/imports', extra: ['data'] });
      assert.deepEqual(imported.error.importErrors.map(({ code, column, rows }) => ({ code, column, rows })), [{ code: 'FIELD_INVALID', column: 'gender', rows: [[2, 5], [8, 8]] }]);
      assert.equal(logs.length, 0, 'an AppException without a cause is not an incident');
    });

    test('an AppException the catalogue cannot send (unknown code, missing or unknown params) is a logged 500, not a crash', async () => {
      for (const [body, reason] of [
        [{ code: 'STUDENT_MISSING' }, /no catalogue entry \(nestjs, STUDENT_MISSING\)/],
        [{ code: 'NOT_FOUND' }, /NOT_FOUND needs params\.entity/],
        [{ code: 'NOT_FOUND', params: { entity: 'student', id: '7' } }, /NOT_FOUND has no param 'id'/],
      ]) {
        logs.length = 0;
        const received = await request('POST', '/api/v1/throw', body);
        assertEmitted(received, lms.emit('nestjs', 'INTERNAL_ERROR', null, { path: '/api/v1/throw', timestamp: NOW }), body.code);
        assert.equal(logs.length, 1);
        assert.match(logs[0], reason);
      }
    });

    test('options an AppException carries reach emit(): message, retry-after and rate-limit headers', async () => {
      const resetAt = Date.UTC(2026, 2, 10, 12, 1);
      const options = { message: 'Slow down', retryAfter: 30, rateLimit: { limit: 10, remaining: 0, resetAt } };
      const received = await request('POST', '/api/v1/throw', { code: 'RATE_LIMITED', options });
      assertEmitted(received, lms.emit('nestjs', 'RATE_LIMITED', null, { ...options, path: '/api/v1/throw', timestamp: NOW }), 'RATE_LIMITED');
      assert.equal(received.error.retryAfterMs, 30000);
      assert.deepEqual(received.error.rateLimit, { limit: 10, remaining: 0, resetAt });
      assert.equal(received.error.message, 'Slow down');
    });
  });
}

test('the filter without Nest: respond() for any dialect, and clear errors for bad set-up', () => {
  const filter = new LmsExceptionFilter(lms, { dialect: 'lms', now: () => NOW, logger: { error: () => {} } });
  const adm = filter.respond(new AppException('LMS-ADM-007', null, { cause: new Error('disk full') }), { url: '/admin?x=1' });
  assert.deepEqual(adm, lms.emit('lms', 'LMS-ADM-007', null, { path: '/admin', timestamp: NOW }));
  assert.equal(filter.respond(new RangeError('bug')).status, 500);
  assert.equal(lms.parse(filter.respond(new RangeError('bug'))).code, 'HTTP_500', "dialects without INTERNAL_ERROR fall back to HTTP_500");
  assert.equal(typedAppException(), AppException, 'the typed constructor is the class itself');
  const plain429 = new LmsExceptionFilter(lms, { now: () => NOW }).respond(Object.assign(new Error('x'), { getStatus: () => 429, getResponse: () => 'Slow down' }));
  assert.deepEqual([lms.parse(plain429).code, lms.parse(plain429).message], ['HTTP_429', 'Slow down'], 'without codeForStatus a 429 is HTTP_429');
  assert.throws(() => new LmsExceptionFilter(lms, { codeForStatus: { 429: 'TOO_FAST' } }), RangeError);
  assert.throws(() => new LmsExceptionFilter(lms, { codeForStatus: { 404: 'NOT_FOUND' } }), /needs params\.entity/);

  const nested = [{ property: 'periods', children: [{ property: '0', children: [{ property: 'name', constraints: { isNotEmpty: 'name should not be empty' } }] }] }];
  assert.deepEqual(fieldErrors(nested), [{ field: 'periods.0.name', rule: 'isNotEmpty' }]);
  assert.deepEqual(validationException(nested).emitOptions, { data: { errors: [{ field: 'periods.0.name', rule: 'isNotEmpty' }] } });
  let deep = { property: 'leaf', constraints: { isDefined: 'x' } };
  for (let level = 0; level < 70; level += 1) deep = { property: 'child', children: [deep] };
  assert.throws(() => fieldErrors([deep]), RangeError);
  assert.throws(() => fieldErrors('email'), TypeError);

  assert.deepEqual(exposedHeaders(lms).sort(), ['retry-after', 'x-lms-catalogue-revision', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id']);
  assert.throws(() => exposedHeaders({}), TypeError);
  assert.throws(() => new LmsExceptionFilter({}), TypeError);
  assert.throws(() => new LmsExceptionFilter(lms, { internalErrorCode: 'NOPE' }), RangeError);
  assert.throws(() => new LmsExceptionFilter(lms, { logger: {} }), TypeError);
  assert.throws(() => new AppException(''), TypeError);
  assert.throws(() => new AppException('NOT_FOUND', ['student']), TypeError);
  const exception = new AppException('NOT_FOUND', { entity: 'student' }, { cause: new Error('db') });
  assert.deepEqual([exception.name, exception.message, exception.code, exception.cause.message], ['AppException', 'NOT_FOUND', 'NOT_FOUND', 'db']);
});
