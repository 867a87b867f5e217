// The boundary: both .wasm files export exactly the C API of include/lms_errors.h (the tools
// build also include/lms_errors_tools.h), and what a page downloads stays within its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root));

// The functions a header declares: `lms_status lms_parse(` … (a return type, then the name).
async function declared(header) {
  const text = (await read(header)).toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/^[a-z_][\w\s]*?\**\s*\b(lms_\w+)\(/gm)].map((match) => match[1]);
}

// What Emscripten's reactor runtime adds to every standalone module: the memory, static
// constructors, the function table, and the stack helpers of its libc.
const RUNTIME = ['memory', '_initialize', '__indirect_function_table', '__errno_location', 'stackSave', 'stackRestore', 'stackAlloc'];

async function exportsOf(file) {
  const module = await WebAssembly.compile(await read(file));
  return WebAssembly.Module.exports(module).map((entry) => entry.name).filter((name) => !RUNTIME.includes(name)).sort();
}

test('the page build exports exactly the functions of include/lms_errors.h', async () => {
  const api = await declared('include/lms_errors.h');
  assert.ok(api.length >= 20, `found ${api.length} declarations`);
  assert.deepEqual(await exportsOf('dist/lms_core.wasm'), [...api].sort());
});

test('the tools build exports lms_errors.h and lms_errors_tools.h, nothing else', async () => {
  const api = [...(await declared('include/lms_errors.h')), ...(await declared('include/lms_errors_tools.h'))];
  assert.deepEqual(await exportsOf('dist/lms_tools.wasm'), api.sort());
});

// What a page downloads for the library, English included: the page build's .wasm and the
// browser entry (dist/lms-errors.js, which embeds en-GB, what a plain init() uses), gzip -9.
// Deterministic on the pinned Debian toolchain. The one test of this budget.
const PAGE_BUDGET_BYTES = 68 * 1024;
// Not met yet (where the bytes go and why no cut reaches 68 KiB: bench/RESULTS.md, 'Page
// download: where the bytes go'): a todo, so every run prints the figure without blocking; it
// becomes a plain test the day the goal is met.
const PAGE_BUDGET_TODO = { todo: 'issue 15: over budget, see bench/RESULTS.md' };

// Until the budget is met, what a page downloads may not grow unnoticed: a change that adds
// bytes raises this ceiling in the same commit and says what they bought (bench/RESULTS.md).
const PAGE_CEILING_BYTES = 85_450;

async function pageDownload() {
  const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
  return gzip(await read('dist/lms_core.wasm')) + gzip(await read('dist/lms-errors.js'));
}

test(`a page downloads no more than ${PAGE_CEILING_BYTES} B gzip -9 (the ceiling while over the budget)`, async () => {
  const total = await pageDownload();
  assert.ok(total <= PAGE_CEILING_BYTES, `${total} B > ${PAGE_CEILING_BYTES} B`);
});

test(`a page downloads at most ${PAGE_BUDGET_BYTES / 1024} KiB gzip -9 for the library with English`, PAGE_BUDGET_TODO, async () => {
  const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const entry = await read('dist/lms-errors.js');
  const english = JSON.parse(await read('i18n/en-GB/lms.json'));
  assert.ok(entry.toString('utf8').includes(JSON.stringify(english['LMS-ADM-007'])), 'en-GB is inside the entry');
  const parts = {
    'dist/lms_core.wasm': gzip(await read('dist/lms_core.wasm')),
    'dist/lms-errors.js': gzip(entry),
  };
  const total = Object.values(parts).reduce((sum, bytes) => sum + bytes, 0);
  assert.equal(total, await pageDownload());
  console.log(`page download: ${total} B of ${PAGE_BUDGET_BYTES} B ${JSON.stringify(parts)}`);
  assert.ok(total <= PAGE_BUDGET_BYTES, `${total} B > ${PAGE_BUDGET_BYTES} B: ${JSON.stringify(parts)}`);
});
