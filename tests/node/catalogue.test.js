import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, LmsCatalogueError, DIALECTS } from 'lms-errors';

const lms = await init();
const served = JSON.parse(await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8'));

test('lookup returns the plain entry for LMS-ADM-007', () => {
  const entry = lms.lookup('LMS-ADM-007');
  assert.deepEqual(entry, {
    dialect: 'lms',
    code: 'LMS-ADM-007',
    status: 500,
    message: 'update failed',
    cause: 'DB error on user/classroom update (check server logs)',
    resolution: '',
    params: [],
    optionalParams: [],
    retry: 'transient',
    action: 'retry',
  });
  assert.equal(Object.getPrototypeOf(entry), Object.prototype, 'a plain object, no handle to delete');
});

test('lookup is keyed by (dialect, code)', () => {
  assert.equal(lms.lookup('DATABASE_ERROR', 'wrapped').status, 500);
  assert.equal(lms.lookup('DATABASE_ERROR', 'wrapped').retry, 'transient');
  assert.equal(lms.lookup('DATABASE_ERROR', 'nestjs').status, 400);
  assert.equal(lms.lookup('DATABASE_ERROR', 'nestjs').retry, 'never');
  assert.equal(lms.lookup('DATABASE_ERROR').dialect, 'wrapped', 'without a dialect: first in look-up order');
  assert.equal(lms.lookup('LMS-ADM-007', 'nestjs'), null);
  assert.equal(lms.lookup('NO_SUCH_CODE'), null);
  assert.deepEqual(lms.lookup('NOT_FOUND', 'nestjs').params, ['entity']);
});

test('lookup and entries refuse bad arguments with a clear TypeError', () => {
  assert.throws(() => lms.lookup(42), TypeError);
  assert.throws(() => lms.lookup('X', 'soap'), /unknown dialect "soap"/);
  assert.throws(() => lms.entries('LMS'), /unknown dialect/);
});

test('entries covers every dialect and matches the served catalogue', () => {
  const all = lms.entries();
  const perFile = served.dialects.reduce((sum, file) => sum + file.entries.length, 0);
  assert.equal(all.length, perFile);
  for (const file of served.dialects) {
    assert.ok(DIALECTS.includes(file.dialect), file.dialect);
    assert.equal(lms.entries(file.dialect).length, file.entries.length, file.dialect);
  }
  assert.equal(lms.entries('lms').length, 63);
  for (const entry of all) {
    assert.ok(['transient', 'throttle', 'never'].includes(entry.retry), entry.code);
    assert.ok(['retry', 'wait', 'refresh', 'login', 'reload', 'fix', 'contact', 'none'].includes(entry.action), entry.code);
  }
});

test('init({ catalogue }) accepts the catalogue a server serves (object or text)', async () => {
  const edited = structuredClone(served);
  edited.dialects[0].entries[0].message = 'token missing (served)';
  const custom = await init({ catalogue: edited });
  assert.equal(custom.lookup(edited.dialects[0].entries[0].code).message, 'token missing (served)');
  const fromText = await init({ catalogue: JSON.stringify(served) });
  assert.equal(fromText.entries().length, lms.entries().length);
  // Each init() has its own instance: the first one is untouched.
  assert.notEqual(lms.lookup(edited.dialects[0].entries[0].code).message, 'token missing (served)');
});

test('an invalid catalogue is rejected with every problem listed', async () => {
  const duplicate = structuredClone(served);
  duplicate.dialects[0].entries.push(duplicate.dialects[0].entries[3]);
  await assert.rejects(init({ catalogue: duplicate }), (error) => {
    assert.ok(error instanceof LmsCatalogueError);
    assert.match(error.message, /duplicate \(lms, LMS-AUTH-004\): already defined at dialects\[0\]\.entries\[3\]/);
    return true;
  });
  await assert.rejects(init({ catalogue: '{"version":1,' }), /not valid JSON/);
  await assert.rejects(init({ catalogue: 42 }), TypeError);
  const broken = structuredClone(served);
  broken.dialects[1].entries[0].status = 'five hundred';
  broken.dialects[2].entries[1].retry = 'maybe';
  await assert.rejects(init({ catalogue: broken }), (error) => {
    assert.match(error.message, /2 problems/);
    assert.match(error.message, /dialects\[1\]\.entries\[0\]\.status: must be an integer/);
    assert.match(error.message, /dialects\[2\]\.entries\[1\]\.retry: must be one of transient, throttle, never/);
    return true;
  });
});

test('lookup returns one frozen entry per (dialect, code) until loadCatalogue replaces the catalogue', async () => {
  const instance = await init();
  const entry = instance.lookup('NOT_FOUND', 'nestjs');
  assert.equal(instance.lookup('NOT_FOUND', 'nestjs'), entry);
  assert.ok(Object.isFrozen(entry) && Object.isFrozen(entry.params));
  assert.throws(() => {
    'use strict';
    entry.params.push('x');
  }, TypeError);
  const before = entry.message;
  const edited = structuredClone(served);
  const nest = edited.dialects.find((dialect) => dialect.dialect === 'nestjs');
  nest.entries.find((item) => item.code === 'NOT_FOUND').message = '{entity} is nowhere';
  instance.loadCatalogue(edited);
  assert.equal(instance.lookup('NOT_FOUND', 'nestjs').message, '{entity} is nowhere');
  assert.equal(entry.message, before, 'objects handed out earlier are left as they were');
});

test('loadCatalogue keeps the catalogue in force when the new one is invalid', async () => {
  const instance = await init();
  assert.throws(() => instance.loadCatalogue({ version: 1, dialects: [] }), LmsCatalogueError);
  assert.equal(instance.lookup('LMS-ADM-007').message, 'update failed');
});

test('hostile catalogue text never aborts the module', async () => {
  const instance = await init();
  for (const text of ['[', '\u0000', '"\\ud800"', '['.repeat(100000), '{"version":1,"dialects":[' + '{}'.repeat(3) + ']}', '\xff\xfe']) {
    assert.throws(() => instance.loadCatalogue(text), LmsCatalogueError);
  }
  // Too large for the core's limit (4 MiB), and too large to hand over at all (64 MiB).
  assert.throws(() => instance.loadCatalogue(' '.repeat(30 << 20)), (error) => error instanceof LmsCatalogueError && /byte limit/.test(error.message));
  assert.throws(() => instance.loadCatalogue(' '.repeat(65 << 20)), (error) => error instanceof LmsCatalogueError && /64 MiB/.test(error.message));
  assert.equal(instance.lookup('LMS-ADM-007').status, 500);
});
