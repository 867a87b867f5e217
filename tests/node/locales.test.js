// Loading translations (issue 14): en-GB without asking, a locale the package lacks falls back
// with a warning, init({ resources }) for pre-imported objects, the browser's locale modules in
// step with i18n/, require() of the CommonJS build, and the page download budget with en-GB in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { init } from '../../web/node.js';
import { NAMESPACES } from '../../web/i18n.js';

const root = new URL('../../', import.meta.url);
const readJson = async (path) => JSON.parse(await readFile(new URL(path, root), 'utf8'));
const enLms = await readJson('i18n/en-GB/lms.json');
const cyLms = await readJson('i18n/cy/lms.json');
const lmsError = { dialect: 'lms', code: 'LMS-ADM-007', status: 500, message: 'update failed', params: {} };

/** Runs `body` with console.warn captured; returns [its result, the warnings]. */
async function capturingWarnings(body) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    return [await body(), warnings];
  } finally {
    console.warn = warn;
  }
}

test('init() with no options speaks en-GB', async () => {
  const lms = await init();
  assert.equal(lms.format(lmsError), `${enLms['LMS-ADM-007']} [LMS-ADM-007]`);
  assert.equal(lms.translate('ui.retryIn', { count: 3 }), 'Trying again in 3 seconds');
  assert.notEqual(lms.translate('ui.error.title'), 'ui.error.title');
});

test('init({ locales: [] }) loads no locale at all (an app that brings all its wording)', async () => {
  const lms = await init({ locales: [] });
  assert.equal(lms.translate('ui.error.title'), 'ui.error.title');
  assert.equal(lms.format(lmsError), 'update failed [LMS-ADM-007]', "the server's message");
});

test('a locale the package lacks falls back to en-GB with one warning, never a rejection', async () => {
  const [lms, warnings] = await capturingWarnings(() => init({ locales: ['de'] }));
  assert.deepEqual(warnings, ['lms-errors: no translations for locale "de"; using en-GB']);
  assert.equal(lms.format(lmsError, { locale: 'de' }), `${enLms['LMS-ADM-007']} [LMS-ADM-007]`);
  const [again, more] = await capturingWarnings(() => lms.loadLocale('de'));
  assert.equal(again, 'en-GB');
  assert.deepEqual(more, [], 'warned once per locale');
});

test('a regional tag loads its language, and English regions are en-GB without a warning', async () => {
  const [loaded, warnings] = await capturingWarnings(async () => {
    const lms = await init();
    return [await lms.loadLocale('cy-GB'), await lms.loadLocale('en-US'), lms.format(lmsError, { locale: 'cy-GB' })];
  });
  assert.deepEqual(loaded, ['cy', 'en-GB', `${cyLms['LMS-ADM-007']} [LMS-ADM-007]`]);
  assert.deepEqual(warnings, []);
});

test('init({ locales: ["cy"] }) loads Welsh', async () => {
  const lms = await init({ locales: ['cy'] });
  assert.equal(lms.format(lmsError, { locale: 'cy' }), `${cyLms['LMS-ADM-007']} [LMS-ADM-007]`);
  assert.notEqual(cyLms['LMS-ADM-007'], enLms['LMS-ADM-007']);
});

test('init({ resources }) takes pre-imported objects (and JSON text) and reads no file for them', async () => {
  const common = await readJson('i18n/cy/common.json');
  const lms = await init({
    locales: ['de', 'cy'],
    resources: {
      de: { lms: { 'LMS-ADM-007': 'Aktualisierung fehlgeschlagen' } },
      cy: { common, lms: JSON.stringify({ 'LMS-ADM-007': 'Methodd y diweddariad (app)' }) },
      'en-GB': { lms: { 'LMS-ADM-007': 'Could not save' } },
    },
  });
  assert.equal(lms.format(lmsError, { locale: 'de' }), 'Aktualisierung fehlgeschlagen [LMS-ADM-007]');
  // cy came from resources only: its shipped lms.json was not read over them.
  assert.equal(lms.format(lmsError, { locale: 'cy' }), 'Methodd y diweddariad (app) [LMS-ADM-007]');
  assert.equal(lms.translate('entity.student', {}, { locale: 'cy' }), common['entity.student']);
  // en-GB: the shipped files, with the given keys over them.
  assert.equal(lms.format(lmsError), 'Could not save [LMS-ADM-007]');
  assert.equal(lms.translate('ui.retryIn', { count: 3 }), 'Trying again in 3 seconds');
});

test('init({ resources }) rejects what is not resources, naming where', async () => {
  await assert.rejects(init({ resources: [] }), /options.resources must be an object/);
  await assert.rejects(init({ resources: { '../x': {} } }), /options.resources\["..\/x"\] must be an object of \{namespace: resources\}, under a locale/);
  await assert.rejects(init({ resources: { cy: 'text' } }), /options.resources\["cy"\] must be an object/);
  await assert.rejects(init({ resources: { cy: { common: 3 } } }), /options.resources.cy.common must be/);
  await assert.rejects(init({ resources: { cy: { common: '{not json' } } }), /cy\/common/);
  await assert.rejects(init({ locales: 'cy' }), /options.locales must be an array/);
});

test('the browser entry ships one locale module per i18n/ folder, each with every namespace', async () => {
  const folders = (await readdir(new URL('i18n/', root), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const modules = (await readdir(new URL('web/locales/', root))).map((name) => name.replace(/\.js$/, '')).sort();
  assert.deepEqual(modules, folders);
  const shipped = await readFile(new URL('web/shipped-locales.js', root), 'utf8');
  for (const locale of folders) {
    const source = await readFile(new URL(`web/locales/${locale}.js`, root), 'utf8');
    for (const namespace of NAMESPACES) {
      assert.ok(source.includes(`import ${namespace} from '../../i18n/${locale}/${namespace}.json' with { type: 'json' };`), `${locale}: ${namespace}`);
    }
    assert.ok(source.includes(`export default { ${NAMESPACES.join(', ')} };`), locale);
    assert.ok(shipped.includes(locale === 'en-GB' ? "'en-GB': () => Promise.resolve(enGB)" : `${locale}: () => import('./locales/${locale}.js')`), `web/shipped-locales.js lists ${locale}`);
  }
});

test('the bundle: en-GB inside the entry, the other locales as files of their own', async () => {
  const entry = await readFile(new URL('dist/lms-errors.js', root), 'utf8');
  assert.ok(entry.includes(JSON.stringify(enLms['LMS-ADM-007'])), 'en-GB is embedded');
  assert.ok(!entry.includes(JSON.stringify(cyLms['LMS-ADM-007'])), 'Welsh is not');
  for (const locale of ['ar', 'cy', 'pl']) {
    assert.ok(entry.includes(`import("./i18n/${locale}.js")`), `${locale} is a literal import()`);
    await readFile(new URL(`dist/i18n/${locale}.js`, root));
  }
});

test('require() gets the CommonJS build, which reads the same files', async () => {
  const require = createRequire(import.meta.url);
  const { init: initCjs, LmsError } = require('../../dist/lms-errors.cjs');
  assert.equal(typeof LmsError, 'function');
  const lms = await initCjs({ locales: ['cy'] });
  assert.equal(lms.format(lmsError, { locale: 'cy' }), `${cyLms['LMS-ADM-007']} [LMS-ADM-007]`);
  assert.equal(typeof lms.emit, 'function', 'the tools build, as in Node');
  const pkg = await readJson('package.json');
  assert.equal(pkg.exports['.'].require, './dist/lms-errors.cjs');
});

test("the locale files are importable by apps: 'lms-errors/i18n/<locale>/<namespace>.json'", async () => {
  const resolved = import.meta.resolve('lms-errors/i18n/cy/common.json');
  assert.equal(resolved, new URL('i18n/cy/common.json', root).href);
  const { default: common } = await import('lms-errors/i18n/cy/common.json', { with: { type: 'json' } });
  const lms = await init({ locales: [], resources: { cy: { common } } });
  assert.equal(lms.translate('entity.student', {}, { locale: 'cy' }), common['entity.student']);
});

test('init() reads its locales ahead of the compile: each locale once, none the app gives, failures reported once', async () => {
  const { readingAhead } = await import('../../web/i18n.js');
  const reads = [];
  const platform = {
    readLocale(locale) {
      reads.push(locale);
      return locale === 'xx' ? Promise.reject(new Error('disk error')) : Promise.resolve({ common: '{}' });
    },
  };
  const ahead = readingAhead(platform, { locales: ['cy', 'cy', 'pl', 'xx'], resources: { pl: { common: {} } } });
  assert.deepEqual(reads, ['en-GB', 'cy', 'xx'], 'en-GB and cy read at once; pl is given as resources');
  await ahead.readLocale('cy');
  await ahead.readLocale('cy');
  assert.deepEqual(reads, ['en-GB', 'cy', 'xx', 'cy'], 'the read-ahead serves the first read only');
  await assert.rejects(ahead.readLocale('xx'), /disk error/, 'a failed read-ahead reaches the reader that takes it');
  assert.equal(readingAhead(platform, { locales: [] }), platform, 'init({ locales: [] }) reads nothing');
  assert.equal(readingAhead(platform, { locales: 'cy' }), platform, 'options init() refuses read nothing ahead');

  // Through init(): the same translations as without reading ahead.
  const lms = await init({ locales: ['cy'] });
  assert.equal(lms.format(lmsError, { locale: 'cy' }), (await init({ locales: [] }).then(async (bare) => {
    for (const namespace of NAMESPACES) bare.addResources('cy', namespace, await readJson(`i18n/cy/${namespace}.json`));
    for (const namespace of NAMESPACES) bare.addResources('en-GB', namespace, await readJson(`i18n/en-GB/${namespace}.json`));
    return bare;
  })).format(lmsError, { locale: 'cy' }));
});

test("the package's locale files are merged when translations are first read; other files are checked while loading", async () => {
  const { createLms } = await import('../../web/core.js');
  const { nodePlatform } = await import('../../web/node-platform.js');
  const wasm = await readFile(new URL('dist/lms_tools.wasm', root));
  const compiled = await WebAssembly.compile(wasm);
  const welsh = { common: JSON.stringify({ 'ui.hello': 'Helo', 'ui.bye': 'Hwyl' }), lms: '{"LMS-ADM-007": 7}' }; // lms.json is broken
  const platform = (packageLocales) => ({ ...nodePlatform, packageLocales, readLocale: async (locale) => (locale === 'cy' ? welsh : nodePlatform.readLocale(locale)) });

  // Files the app serves (packageLocales false): a broken one fails the load and names itself.
  const served = await createLms(compiled, { locales: [] }, platform(false));
  await assert.rejects(served.loadLocale('cy'), /i18n\/cy\/lms\.json: resources\["LMS-ADM-007"\] must be a string/);

  // The package's own files (checked by its tests, so never broken): handed over as text and
  // merged by the first call that reads translations, in order; one broken after all is left out.
  const shipped = await createLms(compiled, { locales: ['cy'] }, platform(true));
  shipped.addResources('cy', 'common', { 'ui.hello': 'Shwmae' });
  assert.equal(shipped.translate('ui.hello', {}, { locale: 'cy' }), 'Shwmae', 'added after the deferred text, so over it');
  assert.equal(shipped.translate('ui.bye', {}, { locale: 'cy' }), 'Hwyl');
  assert.equal(shipped.format(lmsError, { locale: 'cy' }), shipped.format(lmsError, { locale: 'en-GB' }), 'the broken file is left out: en-GB');
  assert.equal(nodePlatform.packageLocales, true, "Node's platform reads only the package's i18n/ files");
});
