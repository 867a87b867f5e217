// JSON numbers at the edges (tests/vectors/json/numbers.json, also read by the doctest suite)
// through the built WASM: a number in an envelope's params reaches JS as JSON.parse reads it.
// Numbers with an exponent or hundreds of digits are read and re-written by the core (its own
// decimal-to-double and nlohmann's double-to-text), the others are copied as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init } from 'lms-errors';

const lms = await init();
const vectors = JSON.parse(await readFile(new URL('../vectors/json/numbers.json', import.meta.url), 'utf8'));

function paramsOf(numberText) {
  const body = `{"statusCode":400,"code":"SETUP_VALIDATION_FAILED","message":"m","params":{"n":${numberText}}}`;
  return lms.parse({ status: 400, body, now: 0 }).params;
}

test('numbers in params reach JS as JSON.parse reads them', () => {
  for (const text of vectors.numbers) {
    const value = JSON.parse(text);
    // What the core documents: a double overflow is null (JSON.stringify(Infinity)), and an
    // integer -0 is read as the integer 0.
    const expected = !Number.isFinite(value) ? null : /^-0$/.test(text) ? 0 : value;
    assert.deepEqual(paramsOf(text), { n: expected }, text);
  }
});

test('a malformed number makes the body unreadable, never a guess', () => {
  for (const text of vectors.malformed) {
    assert.throws(() => JSON.parse(`{"n":${text}}`), SyntaxError, text);
    assert.deepEqual(paramsOf(text), {}, text);
  }
});
