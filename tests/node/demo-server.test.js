// The demo server behind `npm start`: CSV validation, fault scripting, the answer store's
// Idempotency-Key dedupe, and the demo API's error bodies (lms.emit) read back with lms.parse.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init } from 'lms-errors';
import { compactRows, parseCsv, validatePupilCsv } from '../../web/demo/csv-import.js';
import { createFaultState, faultFor, parseFault } from '../../web/demo/faults.js';
import { keyDigest, openStore } from '../../web/demo/store.js';
import { parsedResponse, startDemoServer } from './demo-support.js';

describe('CSV import validation', () => {
  test('rows compact to the seed format', () => {
    assert.equal(compactRows([2, 3, 4, 5, 8]), '2-5, 8');
    assert.equal(compactRows([8, 2, 5, 3, 4, 3]), '2-5, 8');
    assert.equal(compactRows([7]), '7');
    assert.equal(compactRows([1, 3, 5, 6]), '1, 3, 5-6');
  });

  test('quoted fields, escaped quotes and CRLF', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n'), [['a', 'b'], ['x, y', 'say "hi"']]);
    assert.deepEqual(parseCsv('a,b\n1,'), [['a', 'b'], ['1', '']]);
  });

  test('every kind of problem, grouped by code and column, rows compacted', () => {
    const csv = [
      'first_name,last_name,gender',
      'Maja,Kowalska,female',
      'Sami,Rahman,M',
      'Ffion,Hughes,F',
      'Leo,Brown,unknown',
      'Dylan,Morgan,MALE',
      ',Evans,OTHER',
      'Tom,Clarke,X',
      `Nia,${'x'.repeat(51)},FEMALE`,
      '',
    ].join('\n');
    const { pupils, errors } = validatePupilCsv(csv);
    assert.deepEqual(pupils, []);
    assert.deepEqual(errors, [
      { code: 'FIELD_INVALID', column: 'gender', rows: '2-5, 8', allowedValues: ['MALE', 'FEMALE', 'OTHER'] },
      { code: 'FIELD_REQUIRED', column: 'first_name', rows: '7' },
      { code: 'FIELD_MAX_LENGTH', column: 'last_name', rows: '9' },
    ]);
  });

  test('missing headers are reported alone, as in seed 003', () => {
    const { errors } = validatePupilCsv('first_name,gender\nA,MALE\n');
    assert.deepEqual(errors, [{ code: 'HEADERS_MISSING', column: 'headers', rows: '1', params: ['last_name'], allowedValues: ['first_name', 'last_name', 'gender'] }]);
  });

  test('a valid file gives the pupils (header case and a BOM do not matter)', () => {
    const { pupils, errors } = validatePupilCsv('\uFEFFFirst_Name,LAST_NAME,gender,year\nAled,Jones,MALE,4\n\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(pupils, [{ firstName: 'Aled', lastName: 'Jones', gender: 'MALE' }]);
  });
});

describe('fault scripting', () => {
  test('parses every documented form', () => {
    assert.equal(parseFault(null), null);
    assert.deepEqual(parseFault('offline'), { kind: 'offline' });
    assert.deepEqual(parseFault('503x2'), { kind: 'status', status: 503, times: 2 });
    assert.deepEqual(parseFault('500'), { kind: 'status', status: 500, times: Infinity });
    assert.deepEqual(parseFault('429:30'), { kind: 'throttle', status: 429, seconds: 30 });
    assert.deepEqual(parseFault('slow:250'), { kind: 'slow', ms: 250 });
    assert.deepEqual(parseFault('lms:LMS-TCH-001'), { kind: 'catalogue', dialect: 'lms', code: 'LMS-TCH-001' });
    assert.deepEqual(parseFault('nestjs:NOT_FOUND'), { kind: 'catalogue', dialect: 'nestjs', code: 'NOT_FOUND' });
    assert.equal(parseFault('bogus').kind, 'invalid');
    assert.equal(parseFault('200x2').kind, 'invalid');
  });

  test('503x2 fails the first two calls of a run, then lets calls through', () => {
    const state = createFaultState();
    const fault = parseFault('503x2');
    assert.deepEqual([1, 2, 3, 4].map(() => state.applies(fault, 'run-a')), [true, true, false, false]);
    assert.equal(state.applies(fault, 'run-b'), true, 'another page load counts afresh');
  });

  test('faultOn limits a fault to some routes', () => {
    const params = new URLSearchParams('fault=offline&faultOn=answers,import');
    assert.deepEqual(faultFor(params, 'answers'), { kind: 'offline' });
    assert.equal(faultFor(params, 'question'), null);
  });
});

describe('answer store', () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lms-demo-store-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the same Idempotency-Key twice, even concurrently, stores one answer (or import) and returns the first', async () => {
    const store = await openStore(dir);
    let made = 0;
    const make = () => ({ answer: String((made += 1)) });
    const [first, second] = await Promise.all([store.recordAnswer('key-1', make), store.recordAnswer('key-1', make)]);
    const third = await store.recordAnswer('key-1', make);
    assert.equal(made, 1);
    assert.equal(first.replayed, false);
    assert.equal(second.replayed, true);
    assert.equal(third.replayed, true);
    assert.equal(second.answer, first.answer);
    assert.equal(third.answer.answer, '1');
    assert.equal(store.storedFor('key-1'), 1);
    assert.equal(store.storedFor('key-3'), 0);
    await store.recordAnswer('key-2', make);
    assert.equal(store.answerCount(), 2);
    const imported = await store.addPupils([{ firstName: 'Gwen', lastName: 'Pryce', gender: 'FEMALE' }], 'import-1');
    const repeated = await store.addPupils([{ firstName: 'Other', lastName: 'Body', gender: 'OTHER' }], 'import-1');
    assert.equal(repeated.replayed, true);
    assert.deepEqual(repeated.added, imported.added);
    assert.equal(store.pupils().length, 7);
  });

  test('the journal on disk is one JSON line per record, and dedupe survives a restart', async () => {
    const lines = (await readFile(join(dir, 'demo-store.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((record) => record.type), ['answer', 'answer', 'import']);
    assert.deepEqual(lines.slice(0, 2).map((record) => record.key), [keyDigest('key-1'), keyDigest('key-2')]);
    const reopened = await openStore(dir);
    const again = await reopened.recordAnswer('key-1', () => assert.fail('must not build a new answer'));
    assert.equal(again.replayed, true);
    assert.equal(again.answer.answer, '1');
    assert.equal(reopened.answerCount(), 2);
    const imported = await reopened.addPupils([], 'import-1');
    assert.equal(imported.replayed, true);
    assert.deepEqual(imported.added.map((pupil) => pupil.firstName), ['Gwen']);
    assert.equal(reopened.pupils().length, 7);
  });
});

describe('demo API over HTTP', () => {
  let demo;
  let base;
  let lms;

  before(async () => {
    lms = await init();
    demo = await startDemoServer('lms-demo-api-');
    base = demo.base;
  });
  after(() => demo.close());

  const parsed = (response) => parsedResponse(lms, response);

  test('pages and package files are served; the rest of the disk is not', async () => {
    for (const path of ['/', '/pupil/', '/teacher/', '/lookup/']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type'), /text\/html/);
      assert.match(response.headers.get('content-security-policy'), /script-src 'self' /);
    }
    assert.equal((await fetch(`${base}/pupil`, { redirect: 'manual' })).headers.get('location'), '/pupil/');
    assert.equal((await fetch(`${base}/dist/lms_core.wasm`)).headers.get('content-type'), 'application/wasm');
    assert.equal((await fetch(`${base}/i18n/cy/common.json`)).status, 200);
    for (const path of ['/package.json', '/web/../package.json', '/%2e%2e/package.json', '/wasm/src/error.cpp', '/data/demo-store.json']) {
      assert.equal((await fetch(`${base}${path}`)).status, 404, path);
    }
  });

  test('answers are stored once per Idempotency-Key, the first result is replayed', async () => {
    // Answers are the signed-in pupil's (tests/node/demo-session.test.js covers the sessions).
    const signedIn = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ pupilId: 'p1' }) });
    const cookie = signedIn.headers.get('set-cookie').split(';')[0];
    const send = () =>
      fetch(`${base}/api/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'answer-key-1', cookie },
        body: JSON.stringify({ questionId: 'q1', answer: '12' }),
      });
    const first = await send();
    const second = await send();
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    const [a, b] = [await first.json(), await second.json()];
    assert.deepEqual(b, a);
    assert.equal(a.correct, true);
    const stats = await (await fetch(`${base}/api/stats?key=answer-key-1`)).json();
    assert.deepEqual(stats.key, { requests: 2, stored: 1, sentBy: ['p1', 'p1'] });
    assert.equal(typeof stats.keys, 'number', 'a count, never the list of keys');
  });

  test('two Idempotency-Keys sharing their first 200 characters are two answers; stats never list keys', async () => {
    const prefix = 'k'.repeat(200);
    const signedIn = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ pupilId: 'p1' }) });
    const cookie = signedIn.headers.get('set-cookie').split(';')[0];
    const send = (key) =>
      fetch(`${base}/api/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, cookie },
        body: JSON.stringify({ questionId: 'q2', answer: '5' }),
      });
    const before = await (await fetch(`${base}/api/stats`)).json();
    const first = await send(`${prefix}-one`);
    const second = await send(`${prefix}-two`);
    assert.equal(second.headers.get('idempotent-replayed'), null, 'the second key is not the first one');
    assert.notEqual((await second.json()).id, (await first.json()).id);
    const after = await (await fetch(`${base}/api/stats?key=${encodeURIComponent(`${prefix}-two`)}`)).json();
    assert.equal(after.answers, before.answers + 2);
    assert.equal(after.keys, before.keys + 2);
    assert.deepEqual(after.key, { requests: 1, stored: 1, sentBy: ['p1'] });
    assert.deepEqual(Object.keys(after).sort(), ['answers', 'key', 'keys', 'replayed']);
  });

  test('every API response, error, text answer and redirect says nosniff; no request text is echoed', async () => {
    const hostile = '<script>alert(1)</script>';
    const responses = {
      json: await fetch(`${base}/api/question`),
      emitted: await fetch(`${base}/api/nowhere`),
      stats: await fetch(`${base}/api/stats`),
      unknownFault: await fetch(`${base}/api/question?fault=${encodeURIComponent(`lms:${hostile}`)}`),
      badParams: await fetch(`${base}/api/question?fault=nestjs:NOT_FOUND&faultParams=${encodeURIComponent(JSON.stringify({ [hostile]: 1 }))}`),
      redirect: await fetch(`${base}/pupil`, { redirect: 'manual' }),
      notFound: await fetch(`${base}/nowhere`),
    };
    for (const [what, response] of Object.entries(responses)) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', what);
      const text = await response.text();
      assert.ok(!text.includes('<script>') && !text.includes('alert'), `${what}: ${text}`);
    }
    assert.equal(responses.unknownFault.status, 400);
  });

  test('fault=<dialect>:<CODE> answers with the body lms.emit() makes, in each convention', async () => {
    for (const [path, fault, dialect, code, status] of [
      ['/api/question', 'lms:LMS-SES-002', 'lms', 'LMS-SES-002', 404],
      ['/api/teacher/class', 'lms:LMS-TCH-001', 'lms', 'LMS-TCH-001', 500],
      ['/api/school', 'wrapped:CENTER_SUSPENDED', 'wrapped', 'CENTER_SUSPENDED', 403],
      ['/api/me', 'okflag:PERMISSION_DENIED', 'okflag', 'PERMISSION_DENIED', 403],
    ]) {
      const response = await fetch(`${base}${path}?fault=${encodeURIComponent(fault)}`);
      const error = await parsed(response);
      assert.deepEqual([error.dialect, error.code, error.status, error.known], [dialect, code, status, true], fault);
    }
    const params = JSON.stringify({ entity: '<img src=x onerror=alert(1)>' });
    const notFound = await parsed(await fetch(`${base}/api/teacher/class?fault=nestjs:NOT_FOUND&faultParams=${encodeURIComponent(params)}`));
    assert.equal(notFound.code, 'NOT_FOUND');
    assert.deepEqual(notFound.params, { entity: '<img src=x onerror=alert(1)>' });
    assert.equal(notFound.path, '/api/teacher/class');
  });

  test('fault=503x2 fails twice per run with the route convention\'s 503, then succeeds', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${base}/api/teacher/class?fault=503x2&run=r1`)).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    const error = await parsed(await fetch(`${base}/api/teacher/class?fault=503x2&run=r2`));
    assert.deepEqual([error.dialect, error.code], ['nestjs', 'DATABASE_TIMEOUT']);
    const lmsRoute = await parsed(await fetch(`${base}/api/question?fault=503x1&run=r3`));
    assert.deepEqual([lmsRoute.dialect, lmsRoute.code, lmsRoute.status], ['http', 'HTTP_503', 503]);
  });

  test('fault=429:<seconds> sends Retry-After', async () => {
    const response = await fetch(`${base}/api/question?fault=429:7`);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    const error = await parsed(response);
    // The lms convention's only 429 is the sign-in throttle: a question fetch gets the generic one.
    assert.deepEqual([error.dialect, error.code], ['http', 'HTTP_429']);
    assert.equal(error.retryAfterMs, 7000);
    const school = await parsed(await fetch(`${base}/api/school?fault=429:7`));
    assert.deepEqual([school.dialect, school.code, school.params], ['wrapped', 'RATE_LIMITED', { seconds: '7' }]);
  });

  test('a status fault sends the code that fits the route', async () => {
    for (const [method, path, fault, dialect, code] of [
      ['POST', '/api/answers', '500x5', 'lms', 'LMS-SES-003'],
      ['GET', '/api/question', '500', 'lms', 'LMS-SES-004'],
      ['GET', '/api/question', '404', 'lms', 'LMS-SES-002'],
      ['POST', '/api/answers', '401', 'lms', 'LMS-AUTH-002'],
      ['GET', '/api/teacher/class', '404', 'nestjs', 'NOT_FOUND'],
      ['GET', '/api/school', '500', 'wrapped', 'INTERNAL_ERROR'],
      ['GET', '/api/me', '500', 'http', 'HTTP_500'],
      ['GET', '/api/question', '502', 'http', 'HTTP_502'],
    ]) {
      const response = await fetch(`${base}${path}?fault=${fault}&faultOn=${path.split('/').at(-1)}&run=fits-${fault}-${path}`, { method, body: method === 'POST' ? '{}' : undefined });
      const error = await parsed(response);
      assert.deepEqual([error.dialect, error.code], [dialect, code], `${method} ${path} ${fault}`);
    }
  });

  test('fault=offline drops the connection without an answer', async () => {
    await assert.rejects(
      new Promise((resolve, reject) => {
        const request = httpRequest(`${base}/api/question?fault=offline`, resolve);
        request.on('error', reject);
        request.end();
      }),
      /socket hang up|ECONNRESET/,
    );
  });

  test('a CSV import with problems answers seed 003\'s IMPORT_VALIDATION_FAILED envelope', async () => {
    const csv = 'first_name,last_name,gender\nA,B,x\nC,D,y\nE,F,MALE\nG,H,z\n';
    const response = await fetch(`${base}/api/teacher/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    assert.equal(response.status, 422);
    const body = JSON.parse(await response.clone().text());
    assert.equal(body.code, 'IMPORT_VALIDATION_FAILED');
    assert.deepEqual(body.data.errors, [{ code: 'FIELD_INVALID', column: 'gender', rows: '2-3, 5', allowedValues: ['MALE', 'FEMALE', 'OTHER'] }]);
    const error = await parsed(response);
    assert.equal(error.code, 'IMPORT_VALIDATION_FAILED');
    assert.deepEqual(error.importErrors[0].rows, [[2, 3], [5, 5]]);

    const importOnce = () => fetch(`${base}/api/teacher/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'idempotency-key': 'import-key-1' },
      body: 'first_name,last_name,gender\nGwen,Pryce,FEMALE\n',
    });
    const ok = await importOnce();
    assert.equal(ok.status, 201);
    const first = await ok.json();
    assert.equal(first.imported, 1);
    const again = await importOnce();
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), first);
    const dashboard = await (await fetch(`${base}/api/teacher/class`)).json();
    assert.equal(dashboard.pupils.filter((pupil) => pupil.firstName === 'Gwen' && pupil.lastName === 'Pryce').length, 1, 'imported once');
  });

  test('bad requests get catalogue errors too', async () => {
    const signedIn = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ pupilId: 'p1' }) });
    const headers = { cookie: signedIn.headers.get('set-cookie').split(';')[0] };
    const invalid = await parsed(await fetch(`${base}/api/answers`, { method: 'POST', headers, body: '{not json' }));
    assert.equal(invalid.code, 'LMS-SES-001');
    const unknown = await parsed(await fetch(`${base}/api/answers`, { method: 'POST', headers, body: JSON.stringify({ questionId: 'nope', answer: 1 }) }));
    assert.equal(unknown.code, 'LMS-SES-002');
    const wrongMethod = await fetch(`${base}/api/question`, { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
    assert.equal((await fetch(`${base}/api/nothing`)).status, 404);
  });
});
