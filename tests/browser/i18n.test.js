// Translations in headless Chromium: the browser entry (web/index.js) with the WASM core,
// locale files fetched beside the package, and the same output as in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './support.js';
import { shippedLocales } from '../node/i18n-support.js';

let session;
let browser;
let base;

before(async () => {
  session = await startBrowser();
  ({ browser, base } = session);
});

after(async () => {
  await session?.stop();
});

test('translate, pluralCategory, format and details run in the browser', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/web/demo/`);
  const result = await page.evaluate(async () => {
    const { init } = await import('/web/index.js');
    const lms = await init({ locales: [] }); // only the resources below
    lms.addResources('en-GB', 'nestjs', { NOT_FOUND: '{{entity}} not found' });
    lms.addResources('ar', 'nestjs', { NOT_FOUND: 'لم يتم العثور على {{entity}}' });
    lms.addResources('ar', 'common', { 'entity.student': 'طالب' });
    const err = { dialect: 'nestjs', code: 'NOT_FOUND', status: 404, message: '', params: { entity: 'student' } };
    const result = {
      escaped: lms.translate('NOT_FOUND', { entity: '<img src=x onerror=alert(1)>' }, { ns: 'nestjs' }),
      plural: [lms.pluralCategory('cy', 6), lms.pluralCategory('en', '1.0'), lms.pluralCategory('ar', 103)],
      line: lms.format(err, { locale: 'ar' }),
      details: lms.details({ code: 'VALIDATION_FAILED', fieldErrors: [{ field: 'email', rule: 'isEmail', message: 'bad email' }] }),
    };
    // A locale the package lacks: en-GB, with a warning.
    const warn = console.warn;
    console.warn = (message) => { result.missing = message; };
    result.loaded = await lms.loadLocale('zz').finally(() => { console.warn = warn; });
    return result;
  });
  assert.equal(result.escaped, '&lt;img src=x onerror=alert(1)&gt; not found');
  assert.deepEqual(result.plural, ['many', 'other', 'few']);
  assert.equal(result.line, 'لم يتم العثور على \u2068طالب\u2069 \u2068[NOT_FOUND]\u2069');
  assert.deepEqual(result.details, ['email: bad email']);
  assert.match(result.missing, /no translations for locale "zz"; using en-GB/);
  assert.equal(result.loaded, 'en-GB');
  assert.deepEqual(errors, []);
  await page.close();
});

test('init({ locales }) loads the shipped locales (skipped until i18n/<locale>/ exists)', async (t) => {
  const locales = await shippedLocales();
  if (!locales.includes('en-GB')) {
    t.skip('i18n/en-GB/ does not exist yet');
    return;
  }
  const page = await browser.newPage();
  await page.goto(`${base}/web/demo/`);
  const problems = await page.evaluate(async (wanted) => {
    const { init } = await import('/web/index.js');
    const lms = await init({ locales: wanted, tools: true });
    return lms.checkLocales();
  }, locales);
  assert.deepEqual(problems, []);
  await page.close();
});

test('init({ i18nUrl }) fetches a served folder first; the shipped locales stay the fallback', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/web/demo/`);
  const fetched = [];
  page.on('request', (request) => { if (request.url().includes('/i18n/pl/')) fetched.push(request.url()); });
  const result = await page.evaluate(async () => {
    const { init } = await import('/web/index.js');
    const plCommon = await (await fetch('/i18n/pl/common.json')).json();
    const lms = await init({ i18nUrl: '/i18n/', locales: ['pl'] });
    return { served: lms.translate('entity.student', {}, { locale: 'pl' }), expected: plCommon['entity.student'], english: lms.translate('entity.student') };
  });
  assert.equal(result.served, result.expected);
  assert.equal(result.english, 'student', 'en-GB, from the served folder too');
  assert.ok(fetched.some((url) => url.endsWith('/i18n/pl/lms.json')), fetched.join(', '));
  await page.close();
});
