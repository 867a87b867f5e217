// Proves every row of the seed documents (../shared/seeds) is in the catalogue the WASM uses,
// with the seed's status (and, for the LMS convention, its exact message and cause).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { init } from 'lms-errors';

import { existsSync } from 'node:fs';

// The seeds beside the repository (as CI has them), else the copy under tests/fixtures/.
const sharedSeeds = new URL('../../../shared/seeds/', import.meta.url);
const seedsDir = existsSync(sharedSeeds) ? sharedSeeds : new URL('../fixtures/seeds/', import.meta.url);
const seeds = {};
for (const name of await readdir(seedsDir)) seeds[name.slice(0, 3)] = await readFile(new URL(name, seedsDir), 'utf8');
const lms = await init();

test('seed 000: every LMS code with its status, message and cause', () => {
  const rows = seeds['000'].split('\n').filter((line) => /^LMS-[A-Z]+-\d{3} /.test(line));
  assert.equal(rows.length, 63);
  for (const row of rows) {
    const [code, status] = row.split(' ');
    const entry = lms.lookup(code, 'lms');
    assert.ok(entry, `${code} is missing`);
    assert.equal(entry.status, Number(status), code);
    assert.equal(row, `${code} ${status} ${entry.message} ${entry.cause}`, code);
  }
});

test('seed 001: the same table, one cell per line (codes with stray white space)', () => {
  const lines = seeds['001'].split('\n');
  let count = 0;
  lines.forEach((line, i) => {
    if (!/^LMS-[A-Z]+-\d{3}$/.test(line)) return;
    count++;
    const entry = lms.lookup(line, 'lms');
    assert.ok(entry, line);
    assert.deepEqual([entry.status, entry.message, entry.cause], [Number(lines[i + 1]), lines[i + 2], lines[i + 3]], line);
  });
  assert.equal(count, 63);
  assert.match(seeds['001'], /"code" : " LMS-ADM-007"/);
});

test('seed 002: every wrapped code with status, description and resolution', () => {
  const rows = seeds['002'].split('\n').filter((line) => /^[A-Z][A-Z_]+\d{3}[A-Z]/.test(line));
  assert.equal(rows.length, 24);
  for (const row of rows) {
    const [, code, status] = row.match(/^([A-Z_]+)(\d{3})/);
    const entry = lms.lookup(code, 'wrapped');
    assert.ok(entry, code);
    assert.equal(entry.status, Number(status), code);
    assert.equal(row, `${code}${status}${entry.message}${entry.resolution}`, code);
  }
  assert.equal(lms.lookup('RATE_LIMITED', 'wrapped').status, 429);
});

test('seed 003: every nestjs code with its status and params', () => {
  const lines = seeds['003'].split('\n');
  const pairs = [];
  lines.forEach((line, i) => {
    const code = line.match(/^([A-Z][A-Z_]+) \|$/);
    // "NOT_FOUND |" then "404 | { entity } |" (or "404 | When text |" in the custom-fields table)
    const next = lines[i + 1]?.match(/^(\d{3}) \| (.*) \|$/);
    if (code && next) pairs.push([code[1], Number(next[1]), next[2]]);
  });
  assert.ok(pairs.length >= 27, `found ${pairs.length} rows`);
  for (const [code, status, paramsCell] of pairs) {
    const entry = lms.lookup(code, 'nestjs');
    assert.ok(entry, code);
    assert.equal(entry.status, status, code);
    const params = paramsCell.match(/^\{ (.+) \}$/);
    if (params) {
      const names = params[1].split(', ').map((name) => name.replace('?', ''));
      assert.deepEqual(entry.params, names, code);
    }
  }
  assert.equal(lms.lookup('IMPORT_VALIDATION_FAILED', 'nestjs').status, 422);
});

test('seed 004: every error text with the status of its section', () => {
  let status = null;
  let checked = 0;
  for (const line of seeds['004'].split('\n')) {
    const heading = line.match(/^## (.+?)(?: \((\d{3})\))?$/);
    if (heading) {
      status = heading[2] ? Number(heading[2]) : null;
      continue;
    }
    const row = line.match(/^\| `([^`]+)` \| /);
    if (!row || /^\d{3}$/.test(row[1])) continue;
    const matches = lms.entries('okflag').filter((entry) => entry.message === row[1]);
    assert.ok(matches.length > 0, `missing: ${row[1]}`);
    if (status !== null) assert.ok(matches.some((entry) => entry.status === status), `${row[1]} should be ${status}`);
    checked++;
  }
  assert.equal(checked, 22);
  // The "Field-level errors in errors[] array" row has no text of its own.
  assert.equal(lms.lookup('VALIDATION_FAILED', 'okflag').status, 400);
  // The HTTP status table: every error status has a fallback entry.
  for (const status of [400, 401, 403, 404, 409, 429, 500]) assert.ok(lms.lookup(`HTTP_${status}`, 'http'), status);
});
