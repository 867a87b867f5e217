// format() and details() never throw on an error parse() returned: every envelope vector, every
// fuzzer regression and (when `npm run fuzz` has run here) every input the fuzzer kept, each
// as sent and with U+0000 put into its strings, parsed and then formatted for every audience
// in a left-to-right and a right-to-left locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { init } from 'lms-errors';
import { bodyOf } from './envelope-support.js';

const lms = await init({ locales: ['cy', 'ar'] });
const root = new URL('../../', import.meta.url);

// What the fuzz target's std::strtoll gives for a "now:" value: 0 when there are no digits,
// saturated to the int64 range when there are too many (the fuzzer writes hundreds of digits).
const INT64_MAX = 9223372036854775807;
function asStrtoll(text) {
  const value = Number.parseInt(text, 10);
  return Number.isNaN(value) ? 0 : Math.max(-INT64_MAX - 1, Math.min(INT64_MAX, value));
}

// The fuzzer's input form (tests/fuzz/envelope_fuzz.cpp, response_of): "STATUS\nName: value\n…\n\nBODY".
function responseOfFuzzInput(bytes) {
  const text = Buffer.from(bytes);
  const blank = text.indexOf('\n\n');
  if (blank < 0) return { status: text.length === 0 ? 500 : 100 + text[0] * 2, headers: [], body: new Uint8Array(text.subarray(1)), now: 1709900400000 };
  const lines = text.subarray(0, blank).toString('latin1').split('\n');
  let status = 0;
  for (const c of lines[0].slice(0, 3)) if (c >= '0' && c <= '9') status = status * 10 + Number(c);
  const headers = [];
  let now = 1709900400000;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    if (line.slice(0, colon) === 'now') now = asStrtoll(line.slice(colon + 1));
    else headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { status, headers, body: new Uint8Array(text.subarray(blank + 2)), now };
}

async function filesIn(url) {
  try {
    return (await readdir(url)).sort().map((name) => new URL(name, url));
  } catch {
    return []; // no fuzzer run on this machine yet
  }
}

async function corpus() {
  const responses = [];
  const vectors = new URL('tests/vectors/envelopes/', root);
  for (const file of await filesIn(vectors)) {
    if (!file.pathname.endsWith('.json')) continue;
    for (const { name, input } of JSON.parse(await readFile(file, 'utf8')).vectors) {
      responses.push({ name, response: { status: input.status, headers: input.headers, body: bodyOf(input), now: input.now ?? 0 } });
    }
  }
  for (const folder of ['tests/fuzz/regressions/', 'build/fuzz/corpus/']) {
    for (const file of await filesIn(new URL(folder, root))) responses.push({ name: file.pathname, response: responseOfFuzzInput(await readFile(file)) });
  }
  return responses;
}

// A body with U+0000 in every string: after each opening quote (as an escape, and as a raw
// byte, which JSON forbids, so the body becomes text) and in the code's place.
function withNul(body) {
  if (typeof body !== 'string' || body.length > 1 << 20) return [];
  return [body.replaceAll('"', '"\\u0000'), body.replaceAll(':"', ':"\0'), body.replace(/"code"\s*:\s*"/g, '"code":"\\u0000X\\u0000')];
}

test('format() and details() of every parsed corpus input: no throw, one line and a list of lines', async () => {
  const inputs = await corpus();
  assert.ok(inputs.length > 100, `the corpus was found (${inputs.length} inputs)`);
  let checked = 0;
  let withNulCode = 0;
  for (const { name, response } of inputs) {
    const bodies = [response.body, ...withNul(response.body)];
    for (const body of bodies) {
      const err = lms.parse({ ...response, body });
      if (err.code.includes('\0')) withNulCode += 1;
      for (const locale of ['en-GB', 'cy', 'ar']) {
        for (const audience of ['pupil', 'teacher', 'admin']) {
          let line;
          assert.doesNotThrow(() => { line = lms.format(err, { locale, audience }); }, `${name}: format ${locale} ${audience}`);
          assert.equal(typeof line, 'string');
          assert.ok(line.length > 0, `${name}: format gives a line`);
        }
        let lines;
        assert.doesNotThrow(() => { lines = lms.details(err, { locale }); }, `${name}: details ${locale}`);
        assert.ok(Array.isArray(lines) && lines.every((text) => typeof text === 'string'), name);
      }
      checked += 1;
    }
  }
  assert.ok(withNulCode > 0, 'some codes held U+0000: the case the issue found is covered');
  console.log(`format-corpus: ${checked} parsed errors formatted (${withNulCode} with U+0000 in the code)`);
});

test('a code with U+0000 is shown with U+FFFD in its place, its message kept', () => {
  const err = lms.parse({ status: 500, headers: {}, body: '{"code":"A\\u0000B","error":"the server broke"}' });
  assert.equal(err.code, 'A\0B');
  assert.equal(lms.format(err, { audience: 'teacher' }), 'the server broke [A\uFFFDB]');
});
