// catalogue/catalogue.schema.json describes every catalogue file, and rejects broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020.js';

const dir = new URL('../../catalogue/', import.meta.url);
const schema = JSON.parse(await readFile(new URL('catalogue.schema.json', dir), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const files = (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'));

test('every catalogue file matches the schema', async () => {
  assert.ok(files.length >= 6);
  for (const name of files) {
    const file = JSON.parse(await readFile(new URL(name, dir), 'utf8'));
    assert.ok(validate(file), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
    assert.equal(`${file.dialect}.json`, name, 'one file per dialect, named after it');
  }
});

test('the schema rejects wrong types, unknown values and missing fields', async () => {
  const file = JSON.parse(await readFile(new URL('lms.json', dir), 'utf8'));
  for (const breakIt of [
    (f) => (f.entries[0].status = '401'),
    (f) => (f.entries[0].retry = 'sometimes'),
    (f) => delete f.entries[0].message,
    (f) => (f.dialect = 'soap'),
    (f) => (f.entries[0].surprise = true),
  ]) {
    const broken = structuredClone(file);
    breakIt(broken);
    assert.equal(validate(broken), false, breakIt.toString());
  }
});
