// The package's size and speed budgets (issue 7), each figure beside the JS it replaces —
// i18next + ky in the browser, JSON.parse + Map + i18next t() in an app — in one Node process.
//   npm run bench                            (writes the "Package" section of bench/RESULTS.md)
//   node bench/package.bench.js --quick      (tiny counts, prints only: the smoke test's mode)
//   --json prints the figures as JSON; --no-write (or BENCH_NO_WRITE=1) prints only.
// A benchmark, not a test: it measures and says which goals are met; it does not fail on them.
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { init } from 'lms-errors';
import { createI18next, readResources } from './i18next-peer.js';
import { sampleInit, stats, stepMedians } from './init.bench.js';
import { keepAlive, machine, machineLine, measureInterleaved, median, typicalResponse, writeSection } from './support.js';

const root = new URL('../', import.meta.url);
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const log = (...items) => console.error(...items); // progress; stdout carries the results

// How much of everything: the full run takes about two minutes on the 2-core machine. init()
// takes 31 fresh processes of each kind: with 15, its median moved ±0.5 ms from run to run (14.5,
// 15.0, 15.6 ms on one evening), as much as the distance to its goal.
const plan = quick
  ? { rounds: 2, format: 300, translate: 1000, details: 1, initSamples: 2, memoryCalls: 2000, warmCalls: 200 }
  : { rounds: 9, format: 40000, translate: 150000, details: 3, initSamples: 31, memoryCalls: 1_000_000, warmCalls: 20000 };

// The download goal counts en-GB, which the entry holds since issue 14 (64 KiB + its ~5 KB).
// Issue 15's speed budgets: parse <= 2x the JS way, format(parse()) <= 0.5x and details() <= 0.4x
// the same-line i18next pipeline.
const GOALS = { downloadBytes: 68 * 1024, parseRatio: 2, formatRatio: 0.5, detailsRatio: 0.4, translateUs: 1, initMs: 15 };
const PEER_QUOTED_GZIP = 21 * 1000; // the issue's "i18next + ky bundle to 21 KB gzip"

// ---- 1. what a browser downloads ---------------------------------------------------------------

const gzipBytes = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The browser entry and every module it imports statically, recursively (relative specifiers). */
async function staticGraph(entry) {
  const seen = new Set();
  const visit = async (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = await readFile(url, 'utf8');
    // `import x from './a.js'`, `export { y } from './b.js'`, `import './c.js'` (not import()).
    const pattern = /^\s*(?:import|export)\s+(?:[\w\s{},*$]*?\bfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm;
    for (const [, specifier] of source.matchAll(pattern)) await visit(new URL(specifier, url));
  };
  await visit(entry);
  return [...seen].map((href) => new URL(href));
}

async function tryImport(name) {
  try {
    return await import(name);
  } catch {
    return null;
  }
}

async function versionOf(name) {
  try {
    return JSON.parse(await readFile(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version;
  } catch {
    return null;
  }
}

async function measureSize() {
  // The browser entry package.json's exports name (the bundle dist/lms-errors.js), and what it imports.
  const manifest = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  const entry = new URL(manifest.exports['.'].default, root);
  const modules = await staticGraph(entry);
  const files = [...modules, new URL('dist/lms_core.wasm', root)];
  const rows = [];
  for (const url of files) {
    const bytes = await readFile(url);
    rows.push({ file: fileURLToPath(url).slice(fileURLToPath(root).length), bytes: bytes.length, gzip: gzipBytes(bytes) });
  }
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  const wasm = rows.at(-1);
  // GNU gzip -9 (what scripts/test.sh prints) compresses the .wasm a little better than zlib.
  let wasmGnuGzip = null;
  try {
    wasmGnuGzip = execFileSync('gzip', ['-9c', fileURLToPath(files.at(-1))], { maxBuffer: 1 << 26 }).length;
  } catch {
    // no gzip on PATH: zlib's figure stands alone
  }

  // Other locales are fetched only when asked for (init({ locales })): shown, not in the budget.
  let localeGzip = 0;
  for (const locale of ['cy']) {
    const folder = new URL(`i18n/${locale}/`, root);
    for (const name of (await readdir(folder)).filter((file) => file.endsWith('.json')))
      localeGzip += gzipBytes(await readFile(new URL(name, folder)));
  }

  const esbuild = await tryImport('esbuild');
  const peer = { quoted: true, gzip: PEER_QUOTED_GZIP, bytes: null, how: 'quoted from issue 7 (no bundler installed: `npm install --no-save esbuild ky` to measure it)' };
  let bundled = null;
  if (esbuild) {
    // The package as an app's bundler ships it: the JS minified again, plus the .wasm. Dynamic
    // imports (the tools' JS) become chunks of their own, as in Vite or webpack: only the entry's
    // file is what a page downloads. Its inputs as the bundler lists them also check the import
    // graph read above.
    const ours = await esbuild.build({
      entryPoints: [fileURLToPath(entry)], bundle: true, minify: true, format: 'esm', platform: 'browser',
      splitting: true, outdir: fileURLToPath(new URL('bench/bundle-out/', root)), absWorkingDir: fileURLToPath(root),
      write: false, metafile: true, logLevel: 'silent',
    });
    const [entryOut, entryMeta] = Object.entries(ours.metafile.outputs).find(([, output]) => output.entryPoint);
    const inputs = Object.keys(entryMeta.inputs).map((path) => new URL(path, root).href).sort();
    const graph = modules.map((url) => url.href).sort();
    if (JSON.stringify(inputs) !== JSON.stringify(graph)) throw new Error(`import graph differs from esbuild's: ${inputs} vs ${graph}`);
    const js = ours.outputFiles.find((file) => file.path === fileURLToPath(new URL(entryOut, root))).contents;
    bundled = { jsBytes: js.length, jsGzip: gzipBytes(js), total: gzipBytes(js) + wasm.gzip };
    if (await tryImport('ky')) {
      const theirs = await esbuild.build({
        stdin: { contents: "import i18next from 'i18next'; import ky from 'ky'; export { i18next, ky };", resolveDir: fileURLToPath(root), loader: 'js' },
        bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      });
      const bytes = theirs.outputFiles[0].contents;
      peer.quoted = false;
      peer.bytes = bytes.length;
      peer.gzip = gzipBytes(bytes);
      peer.how = `measured: i18next ${await versionOf('i18next')} + ky ${await versionOf('ky')}, bundled with esbuild ${esbuild.version} --minify, gzip -9`;
    }
  }
  return { rows, total, wasmGnuGzip, localeGzip, bundled, peer, goal: GOALS.downloadBytes, met: total <= GOALS.downloadBytes };
}

// ---- 2. speed, side by side --------------------------------------------------------------------

const { body: typicalBody, headers } = typicalResponse;
// Seed 003's import report, 10,000 entries of its four codes, rows written as the server does.
const importBody = JSON.stringify({
  statusCode: 422, code: 'IMPORT_VALIDATION_FAILED', message: 'Import validation failed',
  timestamp: '2026-03-10T12:00:00.000Z', path: '/api/v1/pupils/import',
  data: {
    errors: Array.from({ length: 10000 }, (_, k) => {
      const rows = k % 3 ? `${k + 2}-${k + 5}, ${k + 9}` : `${k + 2}`;
      switch (k % 4) {
        case 0: return { code: 'FIELD_INVALID', column: 'gender', rows, allowedValues: ['MALE', 'FEMALE'] };
        case 1: return { code: 'FIELD_REQUIRED', column: 'first_name', rows };
        case 2: return { code: 'FIELD_MAX_LENGTH', column: 'email', rows };
        default: return { code: 'HEADERS_MISSING', column: 'headers', rows: '1', params: ['last_name'], allowedValues: ['first_name', 'last_name'] };
      }
    }),
  },
});

function sameOutput(what, ours, theirs) {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(theirs);
  if (a !== b) throw new Error(`${what}: outputs differ\n  lms-errors: ${a.slice(0, 300)}\n  JS:         ${b.slice(0, 300)}`);
}

async function measureSpeed(lms, resources) {
  const t = await createI18next(resources); // t() as apps call it: HTML-escaping, like translate()
  const plain = await createI18next(resources, { escapeValue: false }); // for plain-text lines
  // The JS pipeline's catalogue: a Map of the same table the core holds.
  const catalogue = new Map(lms.entries().map((entry) => [`${entry.dialect}\u001f${entry.code}`, entry]));
  const lng = 'cy';

  // What an app writes without the package: JSON.parse, the code's catalogue entry, t() with
  // the entity noun translated (so the line is the same as format()'s), the code appended.
  const jsFormat = (body, status) => {
    const object = JSON.parse(body);
    const code = typeof object.code === 'string' ? object.code : `HTTP_${status}`;
    const entry = catalogue.get(`nestjs\u001f${code}`);
    if (!entry) return `${object.message} [${code}]`;
    const params = object.params ?? {};
    const noun = `entity.${params.entity}`;
    const entity = params.entity !== undefined && plain.exists(noun, { lng }) ? plain.t(noun, { lng }) : params.entity;
    return `${plain.t(code, { ...params, entity, lng, ns: entry.dialect })} [${code}]`;
  };
  // The issue's peer as it words it: JSON.parse + Map + one t() (the entity stays untranslated).
  const jsFormatMinimal = (body) => {
    const object = JSON.parse(body);
    const entry = catalogue.get(`nestjs\u001f${object.code}`);
    return `${plain.t(object.code, { ...object.params, lng, ns: entry.dialect })} [${object.code}]`;
  };
  // details() by hand: the rows string split into ranges, t() for the rows (plural by count),
  // the message and the line. The server's ranges are already sorted and apart here.
  const jsDetails = (body) => {
    const object = JSON.parse(body);
    const known = catalogue.has(`nestjs\u001f${object.code}`);
    const list = plain.t('details.listSeparator', { lng });
    const dash = plain.t('details.rangeSeparator', { lng });
    return (known ? object.data.errors : []).map((item) => {
      let count = 0;
      const ranges = item.rows.split(',').map((part) => {
        const [first, last = first] = part.trim().split('-').map(Number);
        count += last - first + 1;
        return first === last ? `${first}` : `${first}${dash}${last}`;
      }).join(list);
      const rows = plain.t('details.rows', { count, ranges, lng });
      const message = plain.t(`import.${item.code}`, { allowedValues: (item.allowedValues ?? []).join(list), missing: (item.params ?? []).join(list), lng });
      return plain.t('details.import', { column: item.column, rows, message, lng });
    });
  };
  // parse() against what an app writes without the package: JSON.parse, the normalized object
  // (bench/envelope.bench.js's normalization), the code's catalogue entry.
  const jsParse = (body, status) => {
    const object = JSON.parse(body);
    const code = typeof object.code === 'string' ? object.code.trim() : `HTTP_${status}`;
    const entry = catalogue.get(`nestjs\u001f${code}`);
    return {
      dialect: 'nestjs', code, status, message: typeof object.message === 'string' ? object.message : '', known: entry !== undefined,
      params: object.params && typeof object.params === 'object' ? object.params : {}, fieldErrors: [], importErrors: [],
      retryAfterMs: null, rateLimit: null, path: object.path, timestamp: object.timestamp,
    };
  };
  const lmsParse = () => lms.parse({ status: 404, headers, body: typicalBody, now: 0 });
  const lmsFormat = () => lms.format(lms.parse({ status: 404, headers, body: typicalBody, now: 0 }), { locale: lng });
  const lmsDetails = () => lms.details(lms.parse({ status: 422, headers, body: importBody, now: 0 }), { locale: lng });

  sameOutput('parse()', lmsParse(), jsParse(typicalBody, 404));
  sameOutput('format(parse())', lmsFormat(), jsFormat(typicalBody, 404));
  sameOutput('details(parse())', lmsDetails(), jsDetails(importBody));
  sameOutput('translate en-GB', lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs' }), t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs' }));
  sameOutput('translate cy', lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs', locale: 'cy' }), t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs', lng: 'cy' }));

  const cases = [
    { id: 'parse', name: '`parse(typical 003 envelope)`', peer: 'JSON.parse + normalized object + Map look-up', ours: lmsParse, theirs: () => jsParse(typicalBody, 404), iterations: plan.translate, goal: { ratio: GOALS.parseRatio } },
    { id: 'format', name: '`format(parse(typical 003 envelope))`, cy', peer: 'JSON.parse + Map + exists()/t() for the entity + t() + code (same line)', ours: lmsFormat, theirs: () => jsFormat(typicalBody, 404), iterations: plan.format, goal: { ratio: GOALS.formatRatio } },
    { id: 'formatMinimal', name: '`format(parse(typical 003 envelope))`, cy', peer: 'JSON.parse + Map + one t() + code (entity left in English)', ours: lmsFormat, theirs: () => jsFormatMinimal(typicalBody), iterations: plan.format, goal: { ratio: GOALS.formatRatio } },
    { id: 'details', name: '`details(parse(10,000-error IMPORT_VALIDATION_FAILED))`, cy', peer: 'JSON.parse + rows split + t() ×3 per error (same lines)', ours: lmsDetails, theirs: () => jsDetails(importBody), iterations: plan.details, goal: { ratio: GOALS.detailsRatio } },
    { id: 'translate', name: "`translate('NOT_FOUND', {entity})`, en-GB", peer: "i18next `t('NOT_FOUND', {entity, ns})`", ours: () => lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs' }), theirs: () => t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs' }), iterations: plan.translate, goal: { us: GOALS.translateUs } },
    { id: 'translateCy', name: "`translate('NOT_FOUND', {entity})`, cy", peer: "i18next `t('NOT_FOUND', {entity, ns, lng: 'cy'})`", ours: () => lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs', locale: 'cy' }), theirs: () => t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs', lng: 'cy' }), iterations: plan.translate, goal: { us: GOALS.translateUs } },
  ];
  const results = [];
  for (const item of cases) {
    log(`timing ${item.id} …`);
    const [ours, theirs] = measureInterleaved([item.ours, item.theirs], item.iterations, plan.rounds);
    const perRound = ours.map((value, k) => value / theirs[k]).sort((a, b) => a - b);
    const lmsUs = median(ours);
    const jsUs = median(theirs);
    const ratio = lmsUs / jsUs;
    const met = item.goal.ratio !== undefined ? ratio <= item.goal.ratio : lmsUs <= item.goal.us;
    results.push({ id: item.id, name: item.name, peer: item.peer, lmsUs, lmsBest: Math.min(...ours), jsUs, ratio, ratioLow: perRound[0], ratioHigh: perRound.at(-1), goal: item.goal, met });
  }
  return { results, lmsFormat, jsFormat };
}

// ---- 3. init() in a fresh process --------------------------------------------------------------

function measureInit() {
  const samples = Object.values(sampleInit({ modes: ['lms', 'lms-cy', 'i18next', 'lms-steps', 'lms-first'], samples: plan.initSamples }))[0];
  const i18nextMs = stats(samples.i18next);
  const row = (mode) => {
    const own = stats(samples[mode]);
    return { ...own, ratio: own.median / i18nextMs.median, met: own.median <= GOALS.initMs };
  };
  return { plain: row('lms'), withCy: row('lms-cy'), i18next: i18nextMs, steps: stepMedians(samples['lms-steps']), first: stepMedians(samples['lms-first']), goal: GOALS.initMs };
}

// ---- 4. memory: a million parse() + format() calls ---------------------------------------------

async function measureMemory(lms, lmsFormat, jsFormat) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const heap = lms[Symbol.for('lms-errors.heap')];
  const mib = () => process.memoryUsage();
  const loop = (fn, calls) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    return Number(process.hrtime.bigint() - start) / 1000 / calls;
  };

  loop(lmsFormat, plan.warmCalls);
  gc();
  const wasmBefore = heap();
  // The same calls on a new instance that has run nothing else, for scale.
  const fresh = await init({ locales: ['cy'] });
  for (let i = 0; i < plan.warmCalls; i++) fresh.format(fresh.parse({ status: 404, headers, body: typicalBody, now: 0 }), { locale: 'cy' });
  const freshInUse = fresh[Symbol.for('lms-errors.heap')]().inUseBytes;
  const rssBefore = mib().rss;
  log(`memory: ${plan.memoryCalls.toLocaleString('en')} parse + format …`);
  const lmsUs = loop(lmsFormat, plan.memoryCalls);
  const wasmAfter = heap();
  gc();
  const rssAfter = mib().rss;

  loop(() => jsFormat(typicalBody, 404), plan.warmCalls);
  gc();
  const jsBefore = mib();
  log(`memory: ${plan.memoryCalls.toLocaleString('en')} JS pipeline calls …`);
  const jsUs = loop(() => jsFormat(typicalBody, 404), plan.memoryCalls);
  gc();
  const jsAfter = mib();
  return {
    calls: plan.memoryCalls,
    wasm: { before: wasmBefore, after: wasmAfter, freshInUse },
    rss: { before: rssBefore, after: rssAfter },
    js: { heapBefore: jsBefore.heapUsed, heapAfter: jsAfter.heapUsed, rssBefore: jsBefore.rss, rssAfter: jsAfter.rss },
    lmsUs, jsUs, ratio: lmsUs / jsUs,
    met: wasmAfter.inUseBytes === wasmBefore.inUseBytes && wasmAfter.memoryBytes === wasmBefore.memoryBytes,
  };
}

// ---- report ------------------------------------------------------------------------------------

const n = (value) => Math.round(value).toLocaleString('en');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const mibText = (bytes) => `${(bytes / 1048576).toFixed(1).replace(/^-0\.0$/, '0.0')} MiB`;
const us = (value) => (value >= 1000 ? `${n(value)} µs` : `${value.toFixed(value < 10 ? 3 : 1)} µs`);
const yes = (met) => (met ? 'met' : '**not met**');

function report({ host, loadEnd, size, speed, initTimes, memory }) {
  const peerName = size.peer.quoted ? 'i18next + ky, 21 KB (quoted)' : 'i18next + ky bundle';
  const lines = [
    '## Package',
    '',
    `${host.date} · ${machineLine(host)}; load average at the start ${host.load.map((v) => v.toFixed(2)).join(' / ')} (1 / 5 / 15 min), at the end ${loadEnd.map((v) => v.toFixed(2)).join(' / ')} · \`node --version\` ${host.node} · \`npm run bench\`${quick ? ' · **--quick: tiny counts, figures not meaningful**' : ''}`,
    '',
    'Issues 7 and 15\'s budgets, each figure beside its peer in one Node process (bench/package.bench.js).',
    `Times are medians of ${plan.rounds} rounds in which the two sides alternate, so load from other`,
    'processes on this shared 2-core machine hits both; the ratio range is the lowest and highest',
    'per-round ratio — how much the noise moved it. Each side\'s output is checked equal first.',
    ...(Math.max(host.load[0], loadEnd[0]) > host.cores
      ? [`The machine was busy with other work (load average above its ${host.cores} cores): absolute times are`, 'inflated for both sides; the ratios are the figures to compare.']
      : []),
    '',
    '### What a browser downloads',
    '',
    `The browser entry package.json's exports name (\`${size.rows[0].file}\`: web/index.js and the modules it`,
    'imports, bundled and minified by scripts/bundle-web.mjs), anything it imports, and the page build',
    '`.wasm`, each gzip -9 (zlib level 9), as a page without a bundler loads them. Peer: ' + size.peer.how + '.',
    '',
    '| file | bytes | gzip -9 |',
    '| --- | ---: | ---: |',
    ...size.rows.map((row) => `| ${row.file} | ${n(row.bytes)} | ${n(row.gzip)} |`),
    `| **total** | ${n(size.rows.reduce((sum, row) => sum + row.bytes, 0))} | **${n(size.total)}** (${kib(size.total)}) |`,
    '',
    '| figure | gzip -9 | goal 68 KiB | × goal | peer: ' + peerName + ' | × peer | goal |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    `| package as shipped (files above) | ${n(size.total)} B | ${n(size.goal)} B | ${(size.total / size.goal).toFixed(2)} | ${n(size.peer.gzip)} B | ${(size.total / size.peer.gzip).toFixed(2)} | ${yes(size.met)} |`,
    ...(size.bundled
      ? [`| package in an app's bundle (esbuild --minify over the entry: JS ${n(size.bundled.jsGzip)} B + .wasm) | ${n(size.bundled.total)} B | ${n(size.goal)} B | ${(size.bundled.total / size.goal).toFixed(2)} | ${n(size.peer.gzip)} B | ${(size.bundled.total / size.peer.gzip).toFixed(2)} | ${yes(size.bundled.total <= size.goal)} |`]
      : []),
    `| .wasm alone | ${n(size.rows.at(-1).gzip)} B | ${n(size.goal)} B | ${(size.rows.at(-1).gzip / size.goal).toFixed(2)} | ${n(size.peer.gzip)} B | ${(size.rows.at(-1).gzip / size.peer.gzip).toFixed(2)} | |`,
    '',
    ...(size.wasmGnuGzip ? [`GNU \`gzip -9\` makes the .wasm ${n(size.wasmGnuGzip)} B (zlib: ${n(size.rows.at(-1).gzip)} B).`, ''] : []),
    `The entry holds en-GB. Not in the budget: the Welsh \`init({ locales: ['cy'] })\` loads (i18n/cy,`,
    `8 files) adds ${n(size.localeGzip)} B gzip -9; the peer's figure has no translations either.`,
    '',
    '### Speed',
    '',
    '| case | lms-errors (median) | best round | peer | peer time | × peer | ratio range | goal | |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |',
    ...speed.results.map((row) => `| ${row.name} | ${us(row.lmsUs)} | ${us(row.lmsBest)} | ${row.peer} | ${us(row.jsUs)} | ${row.ratio.toFixed(2)} | ${row.ratioLow.toFixed(2)}–${row.ratioHigh.toFixed(2)} | ${row.goal.ratio !== undefined ? `≤ ${row.goal.ratio} × peer` : `≤ ${row.goal.us} µs`} | ${yes(row.met)} |`),
    '',
    'The goals are judged on the medians. The best round is the least disturbed by the other',
    'processes on the machine: for the absolute goal (translate ≤ 1 µs) it is the better guide to an',
    'idle machine. Of the two `format(parse())` rows, the first is the comparison of equals: its',
    'pipeline prints the same line (the entity noun translated, as issue 5 requires). The second',
    'follows the issue\'s wording (one `t()`) and leaves the English noun in a Welsh line; it is',
    'shown for that reason, with its own verdict.',
    '',
    `### \`init()\` in a fresh Node process`,
    '',
    `One new \`node\` process per sample (${initTimes.plain.samples} of each kind, the kinds alternating; bench/init.bench.js); the time of`,
    '`await init()` alone, after the imports: it reads and compiles the `.wasm`, instantiates it and',
    'adds the en-GB translations (the embedded catalogue is read by the first call that needs it).',
    'The peer reads the same locale files (en-GB and cy, all namespaces) and runs',
    '`i18next.createInstance().init({ resources })`.',
    '',
    '| case | median | min – max | peer median | × peer | goal | |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    `| \`init()\` | ${initTimes.plain.median.toFixed(1)} ms | ${initTimes.plain.min.toFixed(1)} – ${initTimes.plain.max.toFixed(1)} ms | ${initTimes.i18next.median.toFixed(1)} ms | ${initTimes.plain.ratio.toFixed(2)} | ≤ ${initTimes.goal} ms | ${yes(initTimes.plain.met)} |`,
    `| \`init({ locales: ['cy'] })\` | ${initTimes.withCy.median.toFixed(1)} ms | ${initTimes.withCy.min.toFixed(1)} – ${initTimes.withCy.max.toFixed(1)} ms | ${initTimes.i18next.median.toFixed(1)} ms | ${initTimes.withCy.ratio.toFixed(2)} | (≤ ${initTimes.goal} ms) | ${yes(initTimes.withCy.met)} |`,
    `| peer: read en-GB + cy, \`i18next.init\` | ${initTimes.i18next.median.toFixed(1)} ms | ${initTimes.i18next.min.toFixed(1)} – ${initTimes.i18next.max.toFixed(1)} ms | | 1.00 | | |`,
    '',
    `Where \`init({ locales: ['cy'] })\` spends it (medians of the same number of fresh processes): \`init()\``,
    `${initTimes.steps[0].toFixed(1)} ms, \`loadLocale('en-GB')\` ${initTimes.steps[1].toFixed(1)} ms, \`loadLocale('cy')\` ${initTimes.steps[2].toFixed(1)} ms — then a third`,
    `locale, \`loadLocale('pl')\`, the same work with the code already run once: ${initTimes.steps[3].toFixed(1)} ms.${
      initTimes.steps[3] < initTimes.steps[2] / 2 ? ' So the first locales pay mostly for running the loading code for the first time.' : ''}`,
    `What init() leaves for first use: after \`init()\` (${initTimes.first[0].toFixed(1)} ms), the first`,
    `\`format(parse(typical 003 404))\` takes ${initTimes.first[1].toFixed(1)} ms (it reads the embedded catalogue and runs that code for the first time).`,
    '',
    '### Memory',
    '',
    `After ${n(plan.warmCalls)} warm-up calls, ${n(memory.calls)} \`lms.format(lms.parse(typical envelope), { locale: 'cy' })\`;`,
    'the WASM heap read through a non-API accessor (`lms[Symbol.for(\'lms-errors.heap\')]()`:',
    'emmalloc\'s bytes not on its free lists, and the memory\'s size, which never shrinks). Then the',
    'same number of calls of the JS pipeline, with the JS heap after a full GC.',
    '',
    '| figure | before | after | change |',
    '| --- | ---: | ---: | ---: |',
    `| WASM heap in use (emmalloc) | ${n(memory.wasm.before.inUseBytes)} B | ${n(memory.wasm.after.inUseBytes)} B | ${n(memory.wasm.after.inUseBytes - memory.wasm.before.inUseBytes)} B |`,
    `| WASM memory size | ${n(memory.wasm.before.memoryBytes)} B | ${n(memory.wasm.after.memoryBytes)} B | ${n(memory.wasm.after.memoryBytes - memory.wasm.before.memoryBytes)} B |`,
    `| process RSS (lms-errors loop) | ${mibText(memory.rss.before)} | ${mibText(memory.rss.after)} | ${mibText(memory.rss.after - memory.rss.before)} |`,
    `| peer: JS heap used after GC (JS pipeline loop) | ${mibText(memory.js.heapBefore)} | ${mibText(memory.js.heapAfter)} | ${mibText(memory.js.heapAfter - memory.js.heapBefore)} |`,
    `| peer: process RSS (JS pipeline loop) | ${mibText(memory.js.rssBefore)} | ${mibText(memory.js.rssAfter)} | ${mibText(memory.js.rssAfter - memory.js.rssBefore)} |`,
    '',
    `A new instance doing only the same calls holds ${n(memory.wasm.freshInUse)} B: the difference is what this`,
    'instance kept from the earlier measurements (the translations and the allocator\'s free lists',
    'after the 10,000-error `details()`; the input buffer itself shrinks back to 64 KiB).',
    '',
    `Goal — the WASM heap where it was: ${yes(memory.met)}. The loops' speed: ${us(memory.lmsUs)} per`,
    `\`format(parse())\` against ${us(memory.jsUs)} for the JS pipeline (× ${memory.ratio.toFixed(2)}), in one long run each.`,
    '',
  ];
  return lines.join('\n');
}

function summary({ size, speed, initTimes, memory }) {
  return {
    download: { total: size.total, goal: size.goal, peer: size.peer.gzip, peerQuoted: size.peer.quoted, ratioToGoal: size.total / size.goal, ratioToPeer: size.total / size.peer.gzip, bundled: size.bundled?.total ?? null, files: size.rows.map((row) => row.file) },
    speed: Object.fromEntries(speed.results.map((row) => [row.id, { lmsUs: row.lmsUs, jsUs: row.jsUs, ratio: row.ratio, met: row.met }])),
    init: { lmsMs: initTimes.plain.median, lmsCyMs: initTimes.withCy.median, i18nextMs: initTimes.i18next.median, ratio: initTimes.plain.ratio, met: initTimes.plain.met },
    memory: { calls: memory.calls, inUseBefore: memory.wasm.before.inUseBytes, inUseAfter: memory.wasm.after.inUseBytes, memoryBefore: memory.wasm.before.memoryBytes, memoryAfter: memory.wasm.after.memoryBytes, rssBefore: memory.rss.before, rssAfter: memory.rss.after, jsHeapBefore: memory.js.heapBefore, jsHeapAfter: memory.js.heapAfter, met: memory.met },
  };
}

async function main() {
  const host = machine();
  log(`package benchmark${quick ? ' (--quick)' : ''}: ${machineLine(host)}`);
  const size = await measureSize();
  log('init() samples …');
  const initTimes = measureInit();
  const lms = await init({ locales: ['cy'] });
  const resources = await readResources(['en-GB', 'cy']);
  const speed = await measureSpeed(lms, resources);
  const memory = await measureMemory(lms, speed.lmsFormat, speed.jsFormat);
  keepAlive();
  const figures = { host, loadEnd: machine().load, size, speed, initTimes, memory };
  const markdown = report(figures);
  if (args.has('--json')) console.log(JSON.stringify({ ...summary(figures), markdown }));
  else console.log(markdown);
  if (!quick && !args.has('--no-write') && !process.env.BENCH_NO_WRITE) log(`written to ${await writeSection('Package', markdown)}`);
}

await main();
