// The page build (dist/lms_core.wasm, what browsers load) against the tools build (Node's
// default, which the other suites check against the shared vectors): every shared vector gives
// the same result, or the same error, on both; only emit(), codegen() and checkLocales() differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { init } from 'lms-errors';
import { createLms } from '../../web/core.js';
import { nodePlatform } from '../../web/node-platform.js';
import { bodyOf } from './envelope-support.js';

const pageModule = await WebAssembly.compile(await readFile(new URL('../../dist/lms_core.wasm', import.meta.url)));
const initPage = (options) => createLms(pageModule, options, nodePlatform);
// The exports only the tools build has (bindings/tools/).
const TOOLS_ONLY = ['lms_emit', 'lms_emit_head_size', 'lms_codegen', 'lms_check_locales', 'lms_server_retry_policy', 'lms_heap_bytes_in_use'];

async function vectorFiles(folder) {
  const dir = new URL(`../vectors/${folder}/`, import.meta.url);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, ...JSON.parse(await readFile(new URL(name, dir), 'utf8')) })));
}

// A call's result, or its error's class and message, so throwing calls compare too.
function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error: `${error.constructor.name}: ${error.message}` };
  }
}

async function both(options) {
  return [await init(options), await initPage(options)];
}

test('the page build leaves out emit(), codegen(), checkLocales(), the server retry policy and the heap count, and says where emit() is', async () => {
  const page = await initPage();
  assert.equal(page.codegen, undefined);
  assert.equal(page.checkLocales, undefined);
  assert.throws(() => page.emit('lms', 'LMS-ADM-007'), /emit\(\) is in the tools build.*init\(\{ tools: true \}\)/);
  const exports = WebAssembly.Module.exports(pageModule).map((e) => e.name);
  for (const name of TOOLS_ONLY) assert.ok(!exports.includes(name), name);
  // Everything else the tools build exports, the page build exports too.
  const toolsModule = await WebAssembly.compile(await readFile(new URL('../../dist/lms_tools.wasm', import.meta.url)));
  const missing = WebAssembly.Module.exports(toolsModule)
    .map((e) => e.name)
    .filter((name) => !exports.includes(name) && !TOOLS_ONLY.includes(name));
  assert.deepEqual(missing, []);
});

test('envelope vectors: parse() gives the same error on both builds', async () => {
  const [tools, page] = await both();
  let count = 0;
  for (const file of await vectorFiles('envelopes')) {
    for (const vector of file.vectors) {
      const { status, headers, now = 0 } = vector.input;
      const response = { status, headers, body: bodyOf(vector.input), now };
      assert.deepEqual(outcome(() => page.parse(response)), outcome(() => tools.parse(response)), `${file.name}: ${vector.name}`);
      count++;
    }
  }
  assert.ok(count >= 100, `${count} vectors`);
  for (const kind of ['offline', 'timeout', 'aborted', 'bogus']) {
    assert.deepEqual(outcome(() => page.networkError(kind)), outcome(() => tools.networkError(kind)), kind);
  }
});

test('every emitted envelope parses the same on the page build', async () => {
  const [tools, page] = await both();
  for (const entry of tools.entries()) {
    if (!['lms', 'wrapped', 'nestjs', 'okflag', 'http'].includes(entry.dialect)) continue;
    const params = Object.fromEntries(entry.params.map((name) => [name, `${name}-value`]));
    const { status, headers, body } = tools.emit(entry.dialect, entry.code, params);
    assert.deepEqual(page.parse({ status, headers, body }), tools.parse({ status, headers, body }), `${entry.dialect} ${entry.code}`);
  }
});

test('catalogue: the same entries, look-ups and validation on both builds', async () => {
  const [tools, page] = await both();
  assert.deepEqual(page.entries(), tools.entries());
  for (const entry of tools.entries()) assert.deepEqual(page.lookup(entry.code, entry.dialect), tools.lookup(entry.code, entry.dialect));
  const broken = { version: 1, dialects: [{ dialect: 'lms', entries: [{ code: 'X', status: 99 }] }] };
  assert.deepEqual(outcome(() => page.loadCatalogue(broken)), outcome(() => tools.loadCatalogue(broken)));
});

test('translation vectors: translate(), format() and details() the same on both builds', async () => {
  const [translate, format] = await Promise.all(['translate.json', 'format.json'].map(async (name) => JSON.parse(await readFile(new URL(`../vectors/i18n/${name}`, import.meta.url), 'utf8'))));
  for (const v of [translate, format]) {
    const instances = await both({ locales: ['cy'] });
    for (const lms of instances)
      for (const [locale, namespaces] of Object.entries(v.resources))
        for (const [ns, keys] of Object.entries(namespaces)) lms.addResources(locale, ns, keys);
    const [tools, page] = instances;
    for (const c of v.cases ?? []) {
      const same = (lms) => outcome(() => lms.translate(c.key, c.params, c.options));
      assert.deepEqual(same(page), same(tools), c.key);
    }
    for (const c of [...(v.format ?? []), ...(v.details ?? [])]) {
      for (const method of ['format', 'details']) {
        const same = (lms) => outcome(() => lms[method](c.error, c.options));
        assert.deepEqual(same(page), same(tools), `${method} ${JSON.stringify(c.error)}`);
      }
    }
  }
  const [tools, page] = await both();
  for (const [locale, n] of [['en', 1], ['cy', 3], ['ar', '0'], ['pl', 22], ['fr', 1.5]]) {
    assert.equal(page.pluralCategory(locale, n), tools.pluralCategory(locale, n), `${locale} ${n}`);
  }
});

test('retry vectors: decide() the same on both builds, budget included', async () => {
  for (const file of await vectorFiles('retry')) {
    for (const vector of file.cases) {
      const [tools, page] = await both();
      for (const step of vector.steps ?? [vector]) {
        const same = (lms) => outcome(() => lms.decide(step.err, step.ctx, vector.policy));
        assert.deepEqual(same(page), same(tools), `${file.name}: ${vector.name}`);
      }
    }
  }
});
