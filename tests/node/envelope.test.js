// The envelope API against the built WASM: the shared vectors (tests/vectors/envelopes, also run
// by the doctest suite), the round trip over the whole catalogue, emit, networkError, and the
// JS layer's own duties (argument forms, bytes straight into WASM memory, no prototype pollution).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { init } from 'lms-errors';
import { bodyOf } from './envelope-support.js';

const lms = await init();
const NOW = 1709900400000;

const vectorsDir = new URL('../vectors/envelopes/', import.meta.url);
const vectors = [];
for (const name of (await readdir(vectorsDir)).filter((file) => file.endsWith('.json')).sort()) {
  const document = JSON.parse(await readFile(new URL(name, vectorsDir), 'utf8'));
  for (const vector of document.vectors) vectors.push({ file: name, ...vector });
}

function withDefaults(expected) {
  return { params: {}, fieldErrors: [], importErrors: [], retryAfterMs: null, rateLimit: null, ...expected };
}

function at(value, path) {
  return path.split('.').reduce((node, part) => node?.[part], value);
}

function check(result, vector) {
  if (vector.expected) assert.deepEqual(result, withDefaults(vector.expected));
  for (const [member, value] of Object.entries(vector.expectedSubset ?? {})) assert.deepEqual(result[member], value, member);
  for (const [path, count] of Object.entries(vector.counts ?? {})) assert.equal(at(result, path)?.length, count, path);
}

test('the shared vectors are all here', () => {
  assert.ok(vectors.length >= 100, `${vectors.length} vectors`);
});

for (const vector of vectors) {
  test(`vector ${vector.file}: ${vector.name}`, () => {
    const { status, headers, now = 0 } = vector.input;
    const body = bodyOf(vector.input);
    const result = lms.parse({ status, headers, body, now });
    check(result, vector);
    // The same bytes given as bytes (and as an ArrayBuffer) give the same error.
    if (typeof body === 'string') {
      const bytes = new TextEncoder().encode(body);
      assert.deepEqual(lms.parse({ status, headers, body: bytes, now }), result, 'Uint8Array body');
      if (bytes.length < 100000) assert.deepEqual(lms.parse({ status, headers, body: bytes.buffer, now }), result, 'ArrayBuffer body');
    }
    // Headers given as a fetch Headers instance give the same error.
    if (headers && !Array.isArray(headers)) {
      assert.deepEqual(lms.parse({ status, headers: new Headers(headers), body, now }), result, 'Headers instance');
    }
  });
}

test('round trip: parse(emit(...)) returns code, status and params for every catalogue entry', () => {
  const entries = lms.entries().filter((entry) => entry.dialect !== 'network');
  assert.ok(entries.length >= 150, `${entries.length} entries`);
  for (const entry of entries) {
    const params = Object.fromEntries(entry.params.map((name) => [name, `x${name}`]));
    const emitted = lms.emit(entry.dialect, entry.code, params, { path: '/api/v1/thing', timestamp: new Date(NOW) });
    assert.equal(typeof emitted.body, 'string');
    const parsed = lms.parse(emitted); // {status, headers, body} is exactly parse()'s input
    const label = `${entry.dialect} ${entry.code}`;
    assert.equal(parsed.dialect, entry.dialect, label);
    assert.equal(parsed.code, entry.code, label);
    assert.equal(parsed.status, entry.status, label);
    assert.deepEqual(parsed.params, params, label);
    assert.equal(parsed.known, true, label);
  }
});

test('emit: exactly what each convention sends', () => {
  const options = { path: '/api/v1/students/abc-123', timestamp: '2026-03-10T12:00:00.000Z' };
  const revision = { 'x-lms-catalogue-revision': lms.catalogueRevision };
  assert.deepEqual(lms.emit('lms', 'LMS-ADM-007'), {
    status: 500,
    headers: { 'content-type': 'application/json; charset=utf-8', ...revision },
    body: '{"code":"LMS-ADM-007","error":"update failed"}',
  });
  assert.equal(lms.emit('wrapped', 'TOKEN_EXPIRED').body, '{"success":false,"error":{"code":"TOKEN_EXPIRED","message":"JWT has expired"}}');
  assert.equal(
    lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }, options).body,
    '{"statusCode":404,"code":"NOT_FOUND","message":"student not found","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123","params":{"entity":"student"}}',
  );
  assert.equal(lms.emit('okflag', 'MODULE_NOT_FOUND', { name: 'gradebook' }).body, '{"ok":false,"data":{},"errors":[],"message":"module gradebook not found"}');
  assert.deepEqual(lms.emit('http', 'HTTP_502'), { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8', ...revision }, body: 'Bad Gateway' });
  // Timestamps: a Date or epoch ms become ISO 8601; none means now.
  assert.match(JSON.parse(lms.emit('nestjs', 'INTERNAL_ERROR', null, { timestamp: 0 }).body).timestamp, /^1970-01-01T00:00:00\.000Z$/);
  const before = Date.now();
  const stamped = Date.parse(JSON.parse(lms.emit('nestjs', 'INTERNAL_ERROR').body).timestamp);
  assert.ok(stamped >= before - 1 && stamped <= Date.now() + 1);
  // Headers from options.
  const limited = lms.emit('wrapped', 'RATE_LIMITED', { seconds: 45 }, {
    retryAfter: 45,
    requestId: 'req-1',
    rateLimit: { limit: 100, remaining: 0, resetAt: NOW + 45000 },
  });
  assert.deepEqual(limited.headers, {
    'content-type': 'application/json; charset=utf-8',
    ...revision,
    'x-request-id': 'req-1',
    'retry-after': '45',
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': '1709900445',
  });
  const parsed = lms.parse({ ...limited, now: NOW });
  assert.deepEqual([parsed.retryAfterMs, parsed.rateLimit, parsed.requestId], [45000, { limit: 100, remaining: 0, resetAt: NOW + 45000 }, 'req-1']);
  // okflag field errors and nestjs data round-trip into fieldErrors.
  const okflag = lms.parse(lms.emit('okflag', 'VALIDATION_FAILED', {}, { errors: [{ field: 'email', message: 'bad email' }] }));
  assert.deepEqual([okflag.code, okflag.fieldErrors], ['VALIDATION_FAILED', [{ field: 'email', message: 'bad email' }]]);
  const nest = lms.parse(lms.emit('nestjs', 'VALIDATION_FAILED', {}, { data: { errors: [{ field: 'email', rule: 'isEmail' }] } }));
  assert.deepEqual(nest.fieldErrors, [{ field: 'email', rule: 'isEmail' }]);
});

// The result crosses as a JSON head, then the body's bytes (web/bridge-tools.js): non-ASCII in
// either part, a head that changes from call to call, and a text too long to reserve 3 bytes a
// character for must all come back exactly.
test('emit: the head and the body cross intact, and each call gets its own headers', () => {
  const revision = { 'x-lms-catalogue-revision': lms.catalogueRevision };
  const json = { 'content-type': 'application/json; charset=utf-8', ...revision };
  const accented = lms.emit('nestjs', 'NOT_FOUND', { entity: 'élève 🎒' }, { path: '/é', timestamp: 0, requestId: 'réq-1' });
  assert.deepEqual(accented.headers, { ...json, 'x-request-id': 'réq-1' });
  assert.equal(
    accented.body,
    '{"statusCode":404,"code":"NOT_FOUND","message":"élève 🎒 not found","timestamp":"1970-01-01T00:00:00.000Z","path":"/é","params":{"entity":"élève 🎒"}}',
  );
  assert.deepEqual(lms.emit('nestjs', 'NOT_FOUND', { entity: 'x' }, { requestId: 'ascii' }).headers, { ...json, 'x-request-id': 'ascii' });
  const first = lms.emit('lms', 'LMS-ADM-007');
  const second = lms.emit('lms', 'LMS-ADM-007');
  assert.notEqual(first.headers, second.headers);
  first.headers['x-extra'] = '1';
  assert.deepEqual(second.headers, json);
  assert.deepEqual(lms.emit('lms', 'LMS-ADM-007').headers, json);
  const long = 'é'.repeat((1 << 20) + 7);
  assert.equal(lms.emit('http', 'HTTP_500', null, { message: long }).body, long);
  // The time is an argument of the core's, never an option a caller could pass.
  assert.throws(() => lms.emit('nestjs', 'INTERNAL_ERROR', null, { now: 0 }), /unknown option 'now'/);
});

test('emit: the path and flat params written straight into memory give the bytes their JSON forms give', () => {
  const stamp = new Date(NOW).toISOString(); // a string timestamp sends the options as JSON
  const same = (params, path, jsonParams) => {
    const direct = lms.emit('nestjs', 'NOT_FOUND', params, { path, timestamp: NOW });
    const asJson = lms.emit('nestjs', 'NOT_FOUND', jsonParams ?? params, { path, timestamp: stamp });
    assert.deepEqual(direct, asJson);
    return JSON.parse(direct.body);
  };
  assert.equal(same({ entity: 'student' }, '/api/v1/students/abc-123').path, '/api/v1/students/abc-123');
  assert.equal(same({ entity: 'a "quoted"\\ \u0007 élève 🎒' }, '/é/"x"').message, 'a "quoted"\\ \u0007 élève 🎒 not found');
  assert.equal(same({ entity: 7.5 }, '').params.entity, 7.5);
  assert.equal(same({ entity: -0 }, '/').message, '0 not found');
  assert.equal(same({ entity: false }, '/').message, 'false not found');
  // A lone surrogate becomes U+FFFD, as TextEncoder writes it (its JSON escape is no text).
  const lone = JSON.parse(lms.emit('nestjs', 'NOT_FOUND', { entity: 'lone \ud800' }, { path: '/\udc00', timestamp: NOW }).body);
  assert.deepEqual([lone.message, lone.path], ['lone \ufffd not found', '/\ufffd']);
  // A class instance is not a plain object: its JSON.stringify form crosses instead.
  class Entity {
    constructor() {
      this.entity = 'teacher';
    }
  }
  assert.equal(same(new Entity(), '/t', { entity: 'teacher' }).params.entity, 'teacher');
  const long = 'p'.repeat((1 << 20) + 3);
  assert.equal(same({ entity: 'x' }, long).path, long);
  // A path that is not a string is the core's error, as before.
  assert.throws(() => lms.emit('nestjs', 'INTERNAL_ERROR', null, { path: 7, timestamp: NOW }), /options\.path must be a string/);
  // Undefined options are left out, as JSON.stringify leaves them.
  assert.deepEqual(
    lms.emit('nestjs', 'INTERNAL_ERROR', undefined, { path: '/u', timestamp: NOW, requestId: undefined }),
    lms.emit('nestjs', 'INTERNAL_ERROR', undefined, { path: '/u', timestamp: NOW }),
  );
});

test('emit: unknown entries are a RangeError, bad arguments a TypeError, never a guess', () => {
  assert.throws(() => lms.emit('nestjs', 'NO_SUCH_CODE'), (error) => error instanceof RangeError && /no catalogue entry \(nestjs, NO_SUCH_CODE\)/.test(error.message));
  assert.throws(() => lms.emit('lms', 'NOT_FOUND'), RangeError);
  assert.throws(() => lms.emit('soap', 'X'), (error) => error instanceof TypeError && /unknown dialect 'soap'/.test(error.message));
  assert.throws(() => lms.emit('network', 'TIMEOUT'), /use networkError/);
  assert.throws(() => lms.emit('nestjs', 'NOT_FOUND'), (error) => error instanceof TypeError && /NOT_FOUND needs params\.entity/.test(error.message));
  assert.throws(() => lms.emit('nestjs', 'NOT_FOUND', { entity: 'x', id: 1 }), /has no param 'id'/);
  assert.throws(() => lms.emit('nestjs', 'NOT_FOUND', { entity: ['x'] }), /must be a string, number or boolean/);
  assert.throws(() => lms.emit('nestjs', 'NOT_FOUND', ['x']), TypeError);
  assert.throws(() => lms.emit('nestjs', 'INTERNAL_ERROR', {}, { colour: 'red' }), /unknown option 'colour'/);
  assert.throws(() => lms.emit('nestjs', 'INTERNAL_ERROR', {}, { timestamp: new Date(NaN) }), RangeError);
  assert.throws(() => lms.emit('nestjs', 'INTERNAL_ERROR', {}, { timestamp: {} }), TypeError);
  assert.throws(() => lms.emit('lms', 'LMS-ADM-007', {}, { data: {} }), /options\.data is only sent/);
  assert.throws(() => lms.emit(7, 'X'), TypeError);
  assert.throws(() => lms.emit('lms', null), TypeError);
});

test('networkError: offline, timeout, aborted; anything else is a TypeError', () => {
  const expected = { offline: 'NETWORK_ERROR', timeout: 'TIMEOUT', aborted: 'ABORTED' };
  for (const [kind, code] of Object.entries(expected)) {
    const error = lms.networkError(kind);
    assert.equal(error.dialect, 'network');
    assert.equal(error.code, code);
    assert.equal(error.status, 0);
    assert.equal(error.known, true);
    assert.deepEqual([error.params, error.fieldErrors, error.importErrors, error.retryAfterMs, error.rateLimit], [{}, [], [], null, null]);
  }
  for (const bad of ['dns', 'Offline', undefined, 0]) assert.throws(() => lms.networkError(bad), TypeError);
});

test('parse: header forms (object with any case and array values, Headers, pairs, Map) agree', () => {
  const body = '{"statusCode":429,"code":"RATE_LIMITED","message":"Too many requests"}';
  const forms = [
    { 'RETRY-AFTER': '7', 'x-request-id': ['a', 'b'] },
    new Headers({ 'Retry-After': '7', 'X-Request-Id': 'a, b' }),
    [['Retry-After', '7'], ['X-Request-Id', 'a, b']],
    new Map([['retry-after', 7], ['x-request-id', 'a, b']]),
  ];
  for (const headers of forms) {
    const error = lms.parse({ status: 429, headers, body, now: NOW });
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(error.requestId, 'a, b');
  }
});

test('parse: every body form, including views with an offset, and no body', () => {
  const text = '{"code":"LMS-ADM-007","error":"update failed"}';
  const bytes = new TextEncoder().encode(`xx${text}yy`);
  const view = bytes.subarray(2, bytes.length - 2);
  for (const body of [text, view, new DataView(bytes.buffer, 2, bytes.length - 4), Buffer.from(text), view.slice().buffer]) {
    assert.equal(lms.parse({ status: 500, body }).code, 'LMS-ADM-007');
  }
  for (const body of [null, undefined, '', new Uint8Array(0), new ArrayBuffer(0)]) {
    assert.equal(lms.parse({ status: 500, body }).code, 'HTTP_500');
  }
  assert.equal(lms.parse({ status: 500 }).code, 'HTTP_500');
});

test('parse: bodies given as bytes are not decoded to a JS string first', () => {
  const bytes = new TextEncoder().encode('{"code":"LMS-ADM-007","error":"update failed"}');
  const decode = TextDecoder.prototype.decode;
  const decoded = [];
  TextDecoder.prototype.decode = function (input, ...rest) {
    decoded.push(input);
    return decode.call(this, input, ...rest);
  };
  try {
    assert.equal(lms.parse({ status: 500, body: bytes }).code, 'LMS-ADM-007');
  } finally {
    TextDecoder.prototype.decode = decode;
  }
  // Only the result is decoded (out of WASM memory; in Node by Buffer, so TextDecoder may not
  // run at all), never the body the caller gave.
  assert.ok(decoded.length <= 1);
  assert.ok(decoded.every((input) => input.buffer !== bytes.buffer));
});

test('parse: arguments of the wrong type are a TypeError; content never is', () => {
  assert.throws(() => lms.parse(), TypeError);
  assert.throws(() => lms.parse('500'), TypeError);
  assert.throws(() => lms.parse({ status: '500' }), TypeError);
  assert.throws(() => lms.parse({ status: 500.5 }), TypeError);
  assert.throws(() => lms.parse({ status: 1000 }), TypeError);
  assert.throws(() => lms.parse({ status: 500, body: Symbol('body') }), TypeError);
  assert.throws(() => lms.parse({ status: 500, body: new Date(NOW) }), TypeError); // an already-parsed body is a plain object, array, number or boolean
  assert.throws(() => lms.parse({ status: 500, headers: 'content-type: text/html' }), TypeError);
  assert.throws(() => lms.parse({ status: 500, headers: [['a']] }), TypeError);
  assert.throws(() => lms.parse({ status: 500, now: NaN }), TypeError);
  assert.throws(() => lms.parse({ status: 500, now: new Date(NaN) }), TypeError);
  assert.equal(lms.parse({ status: 500, now: new Date(NOW), headers: { 'retry-after': 'Fri, 08 Mar 2024 12:20:45 GMT' } }).retryAfterMs, 45000);
  const defaultNow = lms.parse({ status: 503, headers: { 'retry-after': new Date(Date.now() + 60000).toUTCString() } }).retryAfterMs;
  assert.ok(defaultNow > 55000 && defaultNow <= 60000, `now defaults to Date.now(): ${defaultNow}`);
});

test('parse: __proto__ and constructor keys never reach a prototype', () => {
  const body =
    '{"__proto__":{"polluted":"root"},"statusCode":404,"code":"NOT_FOUND","message":"pupil not found",' +
    '"params":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"entity":"pupil"},' +
    '"data":{"errors":[{"field":"f","params":{"__proto__":{"isAdmin":true}}}]}}';
  const error = lms.parse({ status: 404, body });
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal(error.polluted, undefined);
  // params.__proto__ from the body is an own, plain data property, not a prototype change.
  assert.equal(Object.getPrototypeOf(error.params), Object.prototype);
  assert.ok(Object.hasOwn(error.params, '__proto__'));
  assert.deepEqual(Object.getOwnPropertyDescriptor(error.params, '__proto__').value, { polluted: true });
  assert.equal(error.params.polluted, undefined);
  assert.equal(error.params.constructor.prototype.polluted, true); // own data, Object itself untouched
  assert.equal(Object.prototype.constructor, Object);
  const fieldParams = error.fieldErrors[0].params;
  assert.equal(Object.getPrototypeOf(fieldParams), Object.prototype);
  assert.equal(fieldParams.isAdmin, undefined);
  assert.equal({}.isAdmin, undefined);
});

test('parse: hostile bytes never abort the module', () => {
  const samples = [
    new Uint8Array([0xff, 0xfe, 0xfd]),
    new Uint8Array(1 << 16).fill(0x5b), // '[' x 65536
    new TextEncoder().encode('{"a":"\\ud800\\udbff\\u0000"}'),
    new TextEncoder().encode('{"code":"' + 'A'.repeat(1 << 20) + '","error":"x"}'),
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff),
  ];
  for (const body of samples) {
    for (const status of [0, 200, 429, 999]) {
      const error = lms.parse({ status, body, headers: { 'retry-after': '\u00ff\u00fe', ratelimit: '"' } });
      assert.equal(typeof error.code, 'string');
    }
  }
  // Still alive and correct afterwards.
  assert.equal(lms.parse({ status: 500, body: '{"code":"LMS-ADM-007","error":"update failed"}' }).known, true);
});

test('parse: a multi-megabyte body is handed over and read, and its memory is given back after', async () => {
  const instance = await init();
  const heap = instance[Symbol.for('lms-errors.heap')];
  const small = { status: 404, body: '{"code":"LMS-ADM-007","error":"update failed"}', now: NOW };
  instance.parse(small);
  const before = heap().inUseBytes;
  // ~6 MB of field errors: the input buffer and WASM memory grow for it.
  const errors = Array.from({ length: 60000 }, (_, k) => ({ field: `row${k}.name`, message: 'must not be empty, not even a little bit' }));
  const large = instance.parse({ status: 400, body: JSON.stringify({ ok: false, data: null, errors, message: 'invalid' }), now: NOW });
  assert.equal(large.dialect, 'okflag');
  assert.equal(large.fieldErrors.length, errors.length); // under the core's cap of 100,000
  assert.deepEqual(large.fieldErrors.at(-1), { field: 'row59999.name', message: 'must not be empty, not even a little bit' });
  assert.ok(heap().memoryBytes > 6e6, 'WASM memory grew for the body');
  // The next ordinary call shrinks the buffer back: megabytes do not stay allocated.
  assert.equal(instance.parse(small).code, 'LMS-ADM-007');
  assert.ok(heap().inUseBytes < before + 256 * 1024, `in use after: ${heap().inUseBytes}, before: ${before}`);
});
