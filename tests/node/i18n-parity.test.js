// The core's translate() against real i18next (v27, the dev dependency): the same resources,
// the same calls, the same text — for every vector and, once the locale files exist, for every
// key of the real i18n/ tree, with hostile parameter values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import i18next from 'i18next';
import { init } from 'lms-errors';
import { shippedLocales } from './i18n-support.js';

const NAMESPACES = ['common', 'lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network'];
const HOSTILE = ['<img src=x onerror=alert(1)>', '{{x}}', '$t(x)', '$&', "a/b & 'c' \"d\"", '$t(common:entity.student)', '}} {{', '\u2068x\u2069'];

async function i18nextWith(resources) {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'en-GB',
    fallbackLng: 'en-GB',
    keySeparator: false,
    ns: NAMESPACES,
    defaultNS: 'common',
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

async function lmsWith(resources) {
  const lms = await init();
  for (const [locale, namespaces] of Object.entries(resources))
    for (const [ns, keys] of Object.entries(namespaces)) lms.addResources(locale, ns, keys);
  return lms;
}

// i18next's t() options for the core's (key, params, {locale, ns, context}).
function tOptions(params, { locale = 'en-GB', ns = 'common', context } = {}) {
  const options = { ...params, lng: locale, ns };
  if (context !== undefined) options.context = context;
  return options;
}

test('translate() equals i18next t() on every vector, and the vectors hold i18next output', async () => {
  const v = JSON.parse(await readFile(new URL('../vectors/i18n/translate.json', import.meta.url), 'utf8'));
  const real = await i18nextWith(v.resources);
  const lms = await lmsWith(v.resources);
  let compared = 0;
  for (const c of v.cases) {
    if (c.i18next === false) continue;
    const expected = real.t(c.key, tOptions(c.params, c.options));
    assert.equal(c.expected, expected, `vector ${c.key} ${JSON.stringify(c.params)}: not i18next's output`);
    assert.equal(lms.translate(c.key, c.params, c.options), expected, `${c.key} ${JSON.stringify(c.params)} ${JSON.stringify(c.options)}`);
    compared++;
  }
  assert.ok(compared > 80);
});

// Representative calls for one resource key: its placeholders filled with each hostile value,
// plural keys called through their base key with many counts, _pupil keys with the context.
function callsFor(key, template) {
  const names = new Set();
  for (const match of template.matchAll(/\{\{-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)) names.add(match[1].trim());
  const pluralMatch = /^(.*?)(?:_(pupil))?_(zero|one|two|few|many|other)$/.exec(key);
  const contextMatch = /^(.*)_(pupil)$/.exec(key);
  const base = pluralMatch ? pluralMatch[1] : contextMatch ? contextMatch[1] : key;
  const context = pluralMatch?.[2] ?? contextMatch?.[2];
  const counts = pluralMatch ? [0, 1, 2, 3, 4, 6, 11, 22, 100, 101, 103, 111, 1.5] : [undefined];
  const calls = [];
  for (const value of HOSTILE) {
    for (const count of counts) {
      const params = Object.fromEntries([...names].map((name) => [name, value]));
      if (count !== undefined) params.count = count;
      for (const ctx of context ? [context, undefined] : [undefined]) calls.push({ key: base, params, context: ctx });
    }
  }
  calls.push({ key, params: {} }); // every placeholder missing
  calls.push({ key, params: Object.fromEntries([...names].map((name) => [name, { nested: [1, [2, null]], a: { b: 'c' } }])) });
  return calls;
}

async function compareAll(resources, locales) {
  const real = await i18nextWith(resources);
  const lms = await lmsWith(resources);
  let compared = 0;
  for (const [locale, namespaces] of Object.entries(resources)) {
    for (const [ns, keys] of Object.entries(namespaces)) {
      for (const [key, template] of Object.entries(keys)) {
        if (key === '$meta' || typeof template !== 'string') continue;
        for (const call of callsFor(key, template)) {
          for (const requested of locales ?? [locale]) {
            const options = { locale: requested, ns, context: call.context };
            const params = structuredClone(call.params);
            const expected = real.t(call.key, tOptions(params, options));
            assert.equal(lms.translate(call.key, params, options), expected,
              `${requested}/${ns}: ${call.key} ${JSON.stringify(params)} ${call.context ?? ''}`);
            compared++;
          }
        }
      }
    }
  }
  return compared;
}

test('every key of the vectors, with hostile values, in every locale of the chain', async () => {
  const v = JSON.parse(await readFile(new URL('../vectors/i18n/translate.json', import.meta.url), 'utf8'));
  // Keys that nest themselves with a context overflow i18next's stack: left to the vectors.
  const resources = structuredClone(v.resources);
  delete resources['en-GB'].common.self;
  delete resources['en-GB'].common.cycleA;
  delete resources['en-GB'].common.cycleB;
  const compared = await compareAll(resources, ['en-GB', 'cy', 'cy-GB', 'pl', 'ar', 'fr']);
  assert.ok(compared > 5000, `${compared} calls`);
  const format = JSON.parse(await readFile(new URL('../vectors/i18n/format.json', import.meta.url), 'utf8'));
  assert.ok((await compareAll(format.resources, ['en-GB', 'cy', 'ar'])) > 1000);
});

test('every key of the shipped i18n/ tree equals i18next (skipped until i18n/<locale>/ exists)', async (t) => {
  const locales = await shippedLocales();
  if (locales.length === 0) {
    t.skip('i18n/ has no locale folders yet');
    return;
  }
  const resources = {};
  for (const locale of locales) {
    resources[locale] = {};
    for (const ns of NAMESPACES) {
      try {
        resources[locale][ns] = JSON.parse(await readFile(new URL(`../../i18n/${locale}/${ns}.json`, import.meta.url), 'utf8'));
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
    }
  }
  const compared = await compareAll(resources);
  assert.ok(compared > 0);
});
