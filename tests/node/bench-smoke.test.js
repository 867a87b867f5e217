// bench/package.bench.js runs and reports every figure of issues 7's and 15's budgets (not whether the
// goals are met: that is what the benchmark is for). --quick: tiny counts, nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

const positive = (value, what) => assert.ok(Number.isFinite(value) && value > 0, `${what}: ${value}`);

test('npm run bench --quick produces every figure', { timeout: 60_000 }, async () => {
  const { stdout } = await run(process.execPath, ['bench/package.bench.js', '--quick', '--json'], { cwd: root, maxBuffer: 1 << 24 });
  const figures = JSON.parse(stdout);

  // Download: the browser entry package.json names (the bundle), what it imports, and the page .wasm.
  assert.deepEqual(figures.download.files, ['dist/lms-errors.js', 'dist/lms_core.wasm']);
  assert.ok(!figures.download.files.includes('web/node.js'), 'the Node entry is not downloaded by browsers');
  positive(figures.download.total, 'download total');
  positive(figures.download.peer, 'peer bundle');
  assert.equal(figures.download.goal, 68 * 1024);
  assert.equal(typeof figures.download.peerQuoted, 'boolean');
  positive(figures.download.ratioToPeer, 'download × peer');

  for (const id of ['parse', 'format', 'formatMinimal', 'details', 'translate', 'translateCy']) {
    const row = figures.speed[id];
    assert.ok(row, `speed row ${id}`);
    positive(row.lmsUs, `${id} lms`);
    positive(row.jsUs, `${id} js`);
    positive(row.ratio, `${id} ratio`);
    assert.equal(typeof row.met, 'boolean');
  }

  positive(figures.init.lmsMs, 'init()');
  positive(figures.init.lmsCyMs, "init({ locales: ['cy'] })");
  positive(figures.init.i18nextMs, 'i18next.init');
  positive(figures.init.ratio, 'init × peer');

  const memory = figures.memory;
  assert.ok(memory.calls >= 1000);
  for (const key of ['inUseBefore', 'inUseAfter', 'memoryBefore', 'memoryAfter', 'rssBefore', 'rssAfter', 'jsHeapBefore', 'jsHeapAfter']) positive(memory[key], `memory ${key}`);
  assert.ok(memory.memoryAfter >= memory.memoryBefore, 'WASM memory never shrinks');

  // The section as it would be written to bench/RESULTS.md.
  assert.match(figures.markdown, /^## Package\n/);
  for (const heading of ['### What a browser downloads', '### Speed', '### `init()` in a fresh Node process', '### Memory'])
    assert.ok(figures.markdown.includes(heading), heading);
  assert.match(figures.markdown, /`node --version` v\d+/);
  assert.match(figures.markdown, /load average at the start \d/);
});

test('bench/builds.bench.js compares builds side by side: the page and tools builds answer alike', { timeout: 60_000 }, async () => {
  const { stdout } = await run(
    process.execPath,
    ['bench/builds.bench.js', 'page=dist/lms_core.wasm', 'tools=dist/lms_tools.wasm', '--calls', '200', '--rounds', '2'],
    { cwd: root },
  );
  const rows = stdout.split('\n').filter((line) => /^\| (page|tools) \|/.test(line));
  assert.equal(rows.length, 2, stdout);
  for (const row of rows) {
    const times = [...row.matchAll(/([\d.]+) µs \(([\d.]+)\)/g)];
    assert.equal(times.length, 4, row);
    for (const [, time, ratio] of times) {
      positive(Number(time), `${row}: time`);
      positive(Number(ratio), `${row}: ratio`);
    }
  }
  assert.match(rows[0], /\(1\.00\)/); // the first build is the reference
  await assert.rejects(run(process.execPath, ['bench/builds.bench.js'], { cwd: root }), /usage/);
});

test('bench/answer.bench.js reads the answer of parse() back into the same object every way it times', { timeout: 60_000 }, async () => {
  const { stdout } = await run(process.execPath, ['bench/answer.bench.js', '--calls', '200', '--rounds', '2'], { cwd: root });
  const rows = stdout.split('\n').filter((line) => /^\| .* \| \d+ ns \| [\d.]+ \|$/.test(line));
  assert.equal(rows.length, 5, stdout);
  assert.match(rows[0], /\| 1\.00 \|$/); // JSON.parse of the answer is the reference
});
