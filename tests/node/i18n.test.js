// Translations through the WASM package: the shared vectors (the doctest suite reads the same
// files), CLDR's sample numbers for every locale, the JS argument checks, locale loading, and —
// once the locale files exist — the lint over the real i18n/ tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init } from 'lms-errors';
import { cldrPlurals, samplesOf } from '../../scripts/plural-samples.mjs';
import { shippedLocales } from './i18n-support.js';

const vectorsDir = new URL('../vectors/i18n/', import.meta.url);
const vectors = async (name) => JSON.parse(await readFile(new URL(name, vectorsDir), 'utf8'));

// Instances with only the vectors' resources: locales: [] loads no shipped locale.
async function withResources(resources, options = {}) {
  const lms = await init({ locales: [], ...options });
  for (const [locale, namespaces] of Object.entries(resources))
    for (const [ns, keys] of Object.entries(namespaces)) lms.addResources(locale, ns, keys);
  return lms;
}

test('translate: every shared vector', async () => {
  const v = await vectors('translate.json');
  const lms = await withResources(v.resources);
  for (const c of v.cases) {
    const { locale, ns, context } = c.options;
    assert.equal(lms.translate(c.key, c.params, { locale, ns, context }), c.expected, `${c.key} ${JSON.stringify(c.params)} ${JSON.stringify(c.options)}`);
  }
});

test('translate: params with objects go the JSON way and give the same text', async () => {
  const v = await vectors('translate.json');
  const lms = await withResources(v.resources);
  // The same call with and without an object param somewhere else in params.
  const flat = lms.translate('hello', { name: 'a<b', n: 3 }, {});
  const viaJson = lms.translate('hello', { name: 'a<b', n: 3, unused: { deep: [1] } }, {});
  assert.equal(flat, 'Hello a&lt;b!');
  assert.equal(viaJson, flat);
  assert.equal(lms.translate('hello', { name: undefined }), 'Hello !', 'an own undefined value prints as empty, as in i18next');
  assert.equal(lms.translate('hello', { name: undefined, o: {} }), 'Hello !');
  assert.equal(lms.translate('hello', { name: 'x\u0000y' }), 'Hello x\u0000y!', 'U+0000 in a value is carried');
  assert.equal(lms.translate('k\u0000', {}), 'k\u0000', 'U+0000 in a key is carried: a missing key comes back as it is');
  assert.equal(lms.translate('items', { count: 2 }), '2 items');
  assert.equal(lms.translate('items', { count: 2, o: {} }), '2 items');
  assert.equal(lms.translate('nestPlural', { n: 1 }, { locale: 'cy' }), 'un eitem');
});

// Texts that take every branch of web/bridge.js's JSON byte writer: escapes, control
// characters, 2-, 3- and 4-byte UTF-8, lone surrogates (U+FFFD, as TextEncoder makes them).
const AWKWARD_TEXTS = [
  '', 'plain', 'quote " backslash \\ slash / <b>&amp;</b>', 'controls \u0001\n\t\u001f\u007f', 'é ß ŋ', '漢字 \u2028\u2029',
  'astral 😀', 'lone high \ud800 here', 'lone low \udc00 here', 'high at the end \ud83d', 'x\u0000y',
];

test('translate() and format() write their arguments as the JSON way would: the same text', async () => {
  const v = await vectors('translate.json');
  const lms = await withResources(v.resources);
  for (const text of AWKWARD_TEXTS) {
    // A nested value anywhere makes the bridge marshal with JSON.stringify instead.
    const direct = lms.translate('hello', { name: text, n: 3 });
    assert.equal(lms.translate('hello', { name: text, n: 3, unused: { deep: [1] } }), direct, JSON.stringify(text));
    assert.equal(lms.translate(text, { name: text }), lms.translate(text, { name: text, o: {} }), `key ${JSON.stringify(text)}`);
    // (JSON.stringify keeps a lone surrogate in a name as an escape, which the core refuses.)
    if (text.isWellFormed()) assert.equal(lms.translate('hello', { [text]: 1, name: text }), lms.translate('hello', { [text]: 1, name: text, o: {} }), `name ${JSON.stringify(text)}`);
  }
  for (const value of [0, -0, 1.5, -7, 1e21, 5e-7, 2 ** 53 + 2, true, false, undefined])
    assert.equal(lms.translate('hello', { name: value }), lms.translate('hello', { name: value, o: {} }), String(value));

  const shipped = await init();
  for (const text of AWKWARD_TEXTS) {
    // An error whose rate limit is an object crosses the JSON way.
    const viaJson = (err) => ({ ...err, rateLimit: { limit: 10, remaining: 5, resetAt: 0 } });
    const unknown = { dialect: 'nestjs', code: `X_${text}`, status: 500, message: text, serverCode: text, retryAfterMs: null };
    assert.equal(shipped.format(unknown), shipped.format(viaJson(unknown)), JSON.stringify(text));
    const known = { dialect: 'nestjs', code: 'NOT_FOUND', status: 404, message: 'm', params: { entity: text, n: 2, b: true } };
    assert.equal(shipped.format(known, { audience: 'pupil' }), shipped.format(viaJson(known), { audience: 'pupil' }), JSON.stringify(text));
  }
  assert.equal(shipped.format({ code: 'NOT_FOUND', dialect: 'nestjs', params: null, status: null }), shipped.format({ code: 'NOT_FOUND', dialect: 'nestjs' }));

  // Each value is read once, so a getter cannot change what was measured for the write.
  let reads = 0;
  const params = { get name() { reads += 1; return reads === 1 ? 'short' : 'a much longer text than the first one'.repeat(100); } };
  assert.equal(lms.translate('hello', params), 'Hello short!');
  assert.equal(reads, 1);
});

test('format and details: every shared vector', async () => {
  const v = await vectors('format.json');
  const lms = await withResources(v.resources);
  const empty = await init({ locales: [] });
  for (const c of v.format) {
    const api = c.store === 'empty' ? empty : lms;
    assert.equal(api.format(c.error, c.options), c.expected, `${JSON.stringify(c.error)} ${JSON.stringify(c.options)}`);
  }
  for (const c of v.details) {
    const api = c.store === 'empty' ? empty : lms;
    assert.deepEqual(api.details(c.error, c.options), c.expected, JSON.stringify(c.options));
    // The same error with a field whose params hold an object (they cross as JSON): same lines.
    const viaJson = structuredClone(c.error);
    (viaJson.fieldErrors ??= []).push({ field: 'extra', rule: 'isEmail', params: { nested: { a: 1 } } });
    assert.deepEqual(api.details(viaJson, c.options).filter((line) => !line.includes('extra')), c.expected);
  }
  // format(): params holding an object take the JSON way, with the same line.
  for (const c of v.format.filter((c) => c.store !== 'empty')) {
    const viaJson = { ...c.error, params: { ...c.error.params, unused: { deep: [1] } } };
    assert.equal(lms.format(viaJson, c.options), c.expected, `JSON way: ${JSON.stringify(c.error)}`);
  }
});

test('details(): lenient with malformed items, like error_from_json', async () => {
  const v = await vectors('format.json');
  const lms = await withResources(v.resources);
  const err = {
    code: 'IMPORT_VALIDATION_FAILED',
    fieldErrors: [null, 'x', { field: 7, rule: 'isEmail' }, { field: 'f', rule: 5, message: 'server says', params: { max: undefined } }],
    importErrors: [[], { code: 'FIELD_INVALID', column: 3, rows: [[1], [2, '3'], [4, 5], [1e21, 1e21], [6.5, 7]], params: 'x', allowedValues: ['A', 2, 'B'] }],
  };
  // (no column: the template's {{column}} is empty)
  const expected = [': Must be a valid email address', 'f: server says', ', rows 4–5: The value must be one of: A, B'];
  assert.deepEqual(lms.details(err), expected);
  const json = structuredClone(err);
  json.fieldErrors.push({ field: 'g', params: { o: {} } }); // its params cross as JSON
  assert.deepEqual(lms.details(json), [...expected.slice(0, 2), 'g: Is not valid', expected[2]]);
});

test('details(): any text crosses as it is — U+0000, lone surrogates, astral characters', async () => {
  const v = await vectors('format.json');
  const lms = await withResources(v.resources);
  const err = {
    code: 'X',
    fieldErrors: [
      { field: 'a\u0000b', rule: 'isEmail' },
      { field: '😀\ud800', message: 'm\u0000' },
      { field: 'f', rule: 'min', params: { min: 'x\u0000y', 'k\u0000': 1 } },
      { field: 'g', rule: 'min', params: { min: 'x\u0000y', o: { '😀': [1] } } },
    ],
    importErrors: [
      { code: 'FIELD_INVALID', column: 'c\u0000😀', rows: [[2, 3]], allowedValues: ['A\u0000', '😀'] },
      { code: 'HEADERS_MISSING', column: 'h', rows: [[1, 1]], params: ['n\u0000', '😀', null, 7] },
    ],
  };
  // Interpolated into a template, U+0000 becomes U+FFFD (as in every FlatParams value); lone
  // surrogates become U+FFFD as TextEncoder makes them.
  assert.deepEqual(lms.details(err), [
    'a\ufffdb: Must be a valid email address',
    '😀\ufffd: m\ufffd',
    'f: Must be at least x\ufffdy',
    'g: Must be at least x\ufffdy',
    'c\ufffd😀, rows 2–3: The value must be one of: A\ufffd, 😀',
    'h, row 1: Missing columns: n\ufffd, 😀, , 7',
  ]);
  // Without templates, the server's texts and the codes as they are.
  const empty = await init({ locales: [] });
  assert.deepEqual(empty.details({ code: 'X', fieldErrors: [{ field: 'a\u0000b', message: 'm\u0000' }], importErrors: [{ code: 'C\u0000', column: '😀\u0000', rows: [] }] }),
    ['a\u0000b: m\u0000', '😀\u0000, : C\u0000']);
  // Params nesting deeper than the error's JSON could hold (64 levels) are refused as before.
  let deep = 1;
  for (let k = 0; k < 61; k++) deep = [deep];
  assert.throws(() => lms.details({ code: 'X', fieldErrors: [{ field: 'f', params: { deep } }] }), { name: 'TypeError', message: /not valid JSON/ });
  deep = 1;
  for (let k = 0; k < 60; k++) deep = [deep];
  assert.deepEqual(lms.details({ code: 'X', fieldErrors: [{ field: 'f', params: { deep } }] }), ['f: Is not valid']);
});

test('details(): a malformed call into the core is a TypeError, and the core goes on', async () => {
  const { connect } = await import('../../web/bridge.js');
  const core = await connect(await WebAssembly.compile(await readFile(new URL('../../dist/lms_core.wasm', import.meta.url))));
  // The error's JSON as web/bridge.js marshals { code, fieldErrors: [{ field: 'f😀' }], importErrors: [...] }.
  const details = (json) => JSON.parse(core.call('lms_details', 'details', json, 'en-GB'));
  const json = JSON.stringify({ code: 'X', fieldErrors: [{ field: 'f😀' }], importErrors: [{ code: 'I', rows: [[5, 2]], params: ['n'], allowedValues: ['A'] }] });
  assert.deepEqual(details(json), ['f😀: invalid', '2–5: I']);
  let refused = 0;
  for (let end = 0; end < json.length; end++) {
    try {
      assert.ok(Array.isArray(details(json.slice(0, end))));
    } catch (error) {
      assert.ok(error instanceof TypeError, `${JSON.stringify(json.slice(0, end))}: ${error}`);
      refused++;
    }
  }
  assert.equal(refused, json.length, 'every truncation is refused');
  assert.deepEqual(details(json), ['f😀: invalid', '2–5: I']);
});

test('checkLocales: the shared vector, against the catalogue in force', async () => {
  const v = await vectors('lint.json');
  const lms = await withResources(v.resources, { catalogue: v.catalogue, tools: true });
  assert.deepEqual(lms.checkLocales(), v.expected);
  const fresh = await init({ catalogue: v.catalogue, tools: true, locales: [] });
  assert.deepEqual(fresh.checkLocales(), ['en-GB/common.json: missing file', 'en-GB/http.json: missing file', 'en-GB/nestjs.json: missing file']);
});

test('pluralCategory: every CLDR sample number of every CLDR locale (cldr-core)', async () => {
  const lms = await init();
  const { rules } = cldrPlurals();
  let checked = 0;
  for (const [locale, localeRules] of Object.entries(rules)) {
    for (const [category, samples] of Object.entries(samplesOf(localeRules))) {
      for (const sample of samples) {
        assert.equal(lms.pluralCategory(locale, sample), category, `${locale} ${sample}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 5000, `${checked} samples`);
});

test('pluralCategory of a number is what Intl.PluralRules (and so i18next) chooses', async () => {
  const lms = await init();
  // (Not beyond 10^18: ICU then keeps only the last 18 integer digits — 1e21 is 'one' in French
  // for Intl — where the core keeps CLDR's definition, 'many'.)
  const numbers = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 21, 22, 25, 100, 101, 102, 103, 111, 1000, 1e6, 2e6, 1e17,
    0.5, 1.5, 2.25, 1.0004, 1.0005, 0.0001, 0.9996, -1, -2, 10.1, 3.999, 123456.789];
  for (const locale of ['en', 'en-GB', 'cy', 'pl', 'ar', 'de', 'fr', 'es', 'it', 'pt', 'pt-PT', 'ru', 'he', 'lv', 'ga', 'br', 'ja']) {
    const intl = new Intl.PluralRules(locale);
    for (const n of numbers) assert.equal(lms.pluralCategory(locale, n), intl.select(n), `${locale} ${n}`);
  }
  // Strings keep every digit; numbers cannot ("1.0" is 1).
  assert.equal(lms.pluralCategory('en', '1.0'), 'other');
  assert.equal(lms.pluralCategory('en', 1.0), 'one');
  assert.equal(lms.pluralCategory('cy', '1.0'), 'one');
  assert.equal(lms.pluralCategory('fr', '1c6'), 'many');
  assert.equal(lms.pluralCategory('xx-unknown', 1), 'other');
});

test('the JS API refuses bad arguments with a clear TypeError', async () => {
  const lms = await init();
  const err = { dialect: 'nestjs', code: 'NOT_FOUND', status: 404, message: '', params: {} };
  const cases = [
    [() => lms.addResources('', 'common', {}), /locale must be a non-empty string/],
    [() => lms.addResources('en-GB', 7, {}), /namespace must be a non-empty string/],
    [() => lms.addResources('en-GB', 'common', ['a']), /resources must be an object/],
    [() => lms.addResources('en-GB', 'common', { a: 1 }), /resources\["a"\] must be a string, not number/],
    [() => lms.translate(5), /key must be a string/],
    [() => lms.translate('k', 'params'), /params must be an object/],
    [() => lms.translate('k', {}, { locale: 5 }), /options.locale must be a string/],
    [() => lms.translate('k', {}, 'cy'), /options must be an object/],
    [() => lms.pluralCategory('en', '1,5'), /not a decimal number/],
    [() => lms.pluralCategory('en', NaN), /finite number/],
    [() => lms.pluralCategory('en', null), /number or a numeric string/],
    [() => lms.pluralCategory(1, 1), /locale must be a string/],
    [() => lms.format({ code: '' }), /err must be an error object/],
    [() => lms.format(null), /err must be an error object/],
    [() => lms.format(err, { audience: 'parent' }), /audience must be 'pupil', 'teacher' or 'admin'/],
    [() => lms.format(err, { audience: 'toString' }), /audience must be/],
    [() => lms.details([]), /err must be an error object/],
    [() => lms.details(err, { locale: 3 }), /options.locale must be a string/],
  ];
  for (const [call, message] of cases) assert.throws(call, (error) => error instanceof TypeError && message.test(error.message), String(call));
  assert.deepEqual(lms.details(err), []);
  await assert.rejects(lms.loadLocale('../etc'), TypeError);
  assert.equal(await lms.loadLocale('zz-ZZ'), 'en-GB', 'a locale the package lacks falls back (tests/node/locales.test.js)');
  await assert.rejects(init({ locales: 'cy' }), /options.locales must be an array/);
});

test('hostile input never aborts the module', async () => {
  const lms = await init();
  lms.addResources('en-GB', 'common', { a: '$t(a) {{x}} '.repeat(200), b: '{{'.repeat(5000), c: '$t(c, {"x": "$t(c)"})' });
  assert.equal(lms.translate('\ud800', { o: {} }), '\ufffd', 'a lone surrogate becomes U+FFFD');
  for (const key of ['a', 'b', 'c', '$t(a)', '{{x}}', 'x:y:z', '\ud800', '\udc00\ud800', 'é'.repeat(5000)]) {
    assert.equal(typeof lms.translate(key, { x: '$t(a)', count: 1 }), 'string');
    assert.equal(typeof lms.translate(key, { x: { y: [1, { z: null }] } }, { context: 'pupil' }), 'string');
  }
  const deep = {};
  let node = deep;
  for (let k = 0; k < 100; k++) node = node.next = {};
  assert.throws(() => lms.translate('a', deep), TypeError, 'deeper than the JSON cap: a TypeError, not an abort');
  assert.equal(lms.translate('plain', {}), 'plain');
  // A template may start with U+0000 (i18next returns it as it is): never taken for an error.
  lms.addResources('en-GB', 'common', { nul: '\u0000{{x}}' });
  assert.equal(lms.translate('nul', { x: 1 }), '\u00001');
  assert.equal(lms.translate('k', { big: 'x'.repeat(22 << 20) }), 'k', '22 MB of ASCII is handed over as 22 MB');
  assert.throws(() => lms.translate('k', { big: 'x'.repeat(65 << 20) }), /larger than 64 MiB/);
  assert.equal(lms.translate('k', { v: 'y'.repeat(1 << 20) }), 'k', 'a megabyte is fine');
  assert.equal(lms.format({ code: 'X'.repeat(100000), params: { entity: '\ud800' } }).length > 100000, true);
});

test('the shipped locale files load and pass the lint (skipped until i18n/<locale>/ exists)', async (t) => {
  const locales = await shippedLocales();
  if (locales.length === 0) {
    t.skip('i18n/ has no locale folders yet');
    return;
  }
  assert.ok(locales.includes('en-GB'), 'en-GB is the source locale');
  const lms = await init({ locales, tools: true });
  assert.deepEqual(lms.checkLocales(), []);
  // Every error of the catalogue has a line in every locale, for every audience.
  for (const locale of locales) {
    for (const entry of lms.entries()) {
      const err = { dialect: entry.dialect, code: entry.code, status: entry.status, message: '', params: Object.fromEntries(entry.params.map((p) => [p, p === 'entity' ? 'student' : 'x'])) };
      for (const audience of ['pupil', 'teacher', 'admin']) {
        const line = lms.format(err, { locale, audience });
        assert.ok(line.endsWith(`[${entry.code}]`) || line.endsWith(`[${entry.code}]\u2069`), `${locale} ${entry.code} ${audience}: ${line}`);
        assert.ok(!line.includes('{{'), `${locale} ${entry.code}: ${line}`);
      }
    }
  }
});

test('init({ locales }) and loadLocale() read the package files once (skipped until i18n/<locale>/ exists)', async (t) => {
  const locales = await shippedLocales();
  if (!locales.includes('en-GB')) {
    t.skip('i18n/en-GB/ does not exist yet');
    return;
  }
  const lms = await init();
  await Promise.all([lms.loadLocale('en-GB'), lms.loadLocale('en-GB')]);
  assert.notEqual(lms.translate('entity.student'), 'entity.student');
  const other = locales.find((locale) => locale !== 'en-GB');
  if (other) {
    const fresh = await init({ locales: [other] });
    assert.notEqual(fresh.translate('entity.student', {}, { locale: 'en-GB' }), 'entity.student', 'en-GB comes along as the fallback');
  }
});
