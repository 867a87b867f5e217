// emit(): what a NestJS exception filter does per error, the WASM core against a hand-written
// filter (seed 003's body built with JSON.stringify), side by side in one process.
//   npm run bench:emit               (writes the "Emit" section of bench/RESULTS.md)
//   BENCH_NO_WRITE=1 npm run bench:emit   (print only)
// A benchmark, not a test: it measures, it does not pass or fail.
import { readFile } from 'node:fs/promises';
import { init } from 'lms-errors';
import { AppException, LmsExceptionFilter } from 'lms-errors/nestjs';
import { keepAlive, machine, machineLine, measureInterleaved, median, writeSection } from './support.js';

const lms = await init();
const revision = lms.catalogueRevision;
const notFound = lms.lookup('NOT_FOUND', 'nestjs');
const internal = lms.lookup('INTERNAL_ERROR', 'nestjs');

// The filter a NestJS server would write by hand: the same bytes and headers emit() sends.
function handWritten(entry, params, path, now) {
  const message = params ? entry.message.replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all)) : entry.message;
  const body = { statusCode: entry.status, code: entry.code, message, timestamp: new Date(now).toISOString(), path };
  if (params) body.params = params;
  return {
    status: entry.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-lms-catalogue-revision': revision },
    body: JSON.stringify(body),
  };
}

const NOW = Date.UTC(2026, 2, 10, 12);
// lms-errors/nestjs's filter around emit(): what a NestJS server pays per error beyond emit().
const filter = new LmsExceptionFilter(lms, { now: () => NOW });
const notFoundException = new AppException('NOT_FOUND', { entity: 'student' });
const studentRequest = { url: '/api/v1/students/abc-123' };
const cases = [
  {
    name: 'LmsExceptionFilter.respond(AppException NOT_FOUND {entity}), path, clock',
    wasm: () => filter.respond(notFoundException, studentRequest),
    js: () => handWritten(notFound, { entity: 'student' }, '/api/v1/students/abc-123', NOW),
  },
  {
    name: "nestjs NOT_FOUND {entity}, path, Date",
    wasm: () => lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }, { path: '/api/v1/students/abc-123', timestamp: NOW }),
    js: () => handWritten(notFound, { entity: 'student' }, '/api/v1/students/abc-123', NOW),
  },
  {
    name: 'nestjs INTERNAL_ERROR, no params or options',
    wasm: () => lms.emit('nestjs', 'INTERNAL_ERROR'),
    js: () => handWritten(internal, null, '', Date.now()),
  },
  {
    name: 'nestjs INTERNAL_ERROR, {path} only',
    wasm: () => lms.emit('nestjs', 'INTERNAL_ERROR', null, { path: '/api/v1/students/abc-123' }),
    js: () => handWritten(internal, null, '/api/v1/students/abc-123', Date.now()),
  },
  {
    name: 'nestjs NOT_FOUND {entity} only',
    wasm: () => lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }),
    js: () => handWritten(notFound, { entity: 'student' }, '', Date.now()),
  },
  {
    name: 'lms LMS-ADM-007',
    wasm: () => lms.emit('lms', 'LMS-ADM-007'),
    js: () => ({ status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'x-lms-catalogue-revision': revision }, body: JSON.stringify({ code: 'LMS-ADM-007', error: 'update failed' }) }),
  },
];

// Same bytes before timing: the comparison is only fair if both sides send the same thing.
for (const { name, wasm, js } of cases.slice(0, 2)) {
  if (JSON.stringify(wasm()) !== JSON.stringify(js())) throw new Error(`${name}: the two sides differ\n${JSON.stringify(wasm())}\n${JSON.stringify(js())}`);
}

// Interleaved rounds (support.js): load from other processes hits both sides alike, so the
// ratio holds on a busy machine even when the absolute times do not.
const rows = [];
for (const { name, wasm, js } of cases) {
  const [ours, theirs] = measureInterleaved([wasm, js], 20000, 9);
  const ratios = ours.map((time, round) => time / theirs[round]);
  rows.push({ name, ours: median(ours), theirs: median(theirs), best: [Math.min(...ours), Math.min(...theirs)], ratio: median(ratios) });
  console.log(`${name}: emit ${median(ours).toFixed(2)} µs, hand-written ${median(theirs).toFixed(2)} µs, ratio ${median(ratios).toFixed(2)}`);
}
// Where the time goes: emit() against the core's lms_emit alone (include/lms_errors_tools.h,
// called on the module's exports with its arguments already in the input buffer), in a second
// instance of the same .wasm. The difference is the JS layer: checks, JSON.stringify of params
// and options, writing the arguments, reading the result.
const toolsModule = await WebAssembly.compile(await readFile(new URL('../dist/lms_tools.wasm', import.meta.url)));
const { exports: core } = await WebAssembly.instantiate(toolsModule, {
  env: { emscripten_notify_memory_growth() {} },
  wasi_snapshot_preview1: {
    proc_exit() {
      throw new Error('the core stopped');
    },
  },
});
core._initialize();
const instance = core.lms_create();
const encoder = new TextEncoder();
// A call of lms_emit with these texts (dialect, code, params, path, options): they are copied into the input buffer once per call
// (a memcpy; the buffer is the instance's, so another call may have used it).
function bareEmit(texts, now) {
  const parts = texts.map((text) => encoder.encode(text));
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const packed = new Uint8Array(size);
  const args = [];
  let offset = 0;
  for (const part of parts) {
    packed.set(part, offset);
    args.push(offset, part.length);
    offset += part.length;
  }
  const call = () => {
    const at = core.lms_input(instance, size);
    new Uint8Array(core.memory.buffer, at, size).set(packed);
    return core.lms_emit(instance, at + args[0], args[1], at + args[2], args[3], at + args[4], args[5], at + args[6], args[7], at + args[8], args[9], now);
  };
  if (call() !== 0) throw new Error(`lms_emit(${texts.join(', ')}) failed`);
  return call;
}
const locale = encoder.encode('en');
const splits = [
  {
    name: 'lms LMS-ADM-007',
    emit: () => lms.emit('lms', 'LMS-ADM-007'),
    bare: bareEmit(['lms', 'LMS-ADM-007', '', '', ''], NOW),
  },
  {
    name: 'nestjs INTERNAL_ERROR, no params or options',
    emit: () => lms.emit('nestjs', 'INTERNAL_ERROR'),
    bare: bareEmit(['nestjs', 'INTERNAL_ERROR', '', '', ''], NOW),
  },
  {
    name: 'nestjs INTERNAL_ERROR, {path} only',
    emit: () => lms.emit('nestjs', 'INTERNAL_ERROR', null, { path: '/api/v1/students/abc-123' }),
    bare: bareEmit(['nestjs', 'INTERNAL_ERROR', '', '/api/v1/students/abc-123', ''], NOW),
  },
  {
    name: 'nestjs NOT_FOUND {entity} only',
    emit: () => lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }),
    bare: bareEmit(['nestjs', 'NOT_FOUND', '{"entity":"student"}', '', ''], NOW),
  },
  {
    name: 'nestjs NOT_FOUND {entity}, path, Date',
    emit: () => lms.emit('nestjs', 'NOT_FOUND', { entity: 'student' }, { path: '/api/v1/students/abc-123', timestamp: NOW }),
    bare: bareEmit(['nestjs', 'NOT_FOUND', '{"entity":"student"}', '/api/v1/students/abc-123', ''], NOW),
  },
];
// The smallest crossing there is: one short text in, one short text out.
const minimal = () => {
  const at = core.lms_input(instance, locale.length);
  new Uint8Array(core.memory.buffer, at, locale.length).set(locale);
  return core.lms_plural_category(instance, at, locale.length, 1);
};
const splitRows = [];
for (const { name, emit, bare } of splits) {
  const [whole, coreOnly, crossing] = measureInterleaved([emit, bare, minimal], 20000, 9);
  splitRows.push({ name, whole: median(whole), core: median(coreOnly), crossing: median(crossing) });
  console.log(`${name}: emit() ${median(whole).toFixed(2)} µs, lms_emit alone ${median(coreOnly).toFixed(2)} µs, minimal crossing ${median(crossing).toFixed(2)} µs`);
}

// What reading the params in place saves: lms_emit with the same params read in place and
// through the JSON reader (an escaped name, "\u0065ntity", is a form only that reader takes).
const readers = [
  { name: 'nestjs NOT_FOUND {entity}', path: '' },
  { name: 'nestjs NOT_FOUND {entity}, path', path: '/api/v1/students/abc-123' },
].map(({ name, path }) => {
  const inPlace = bareEmit(['nestjs', 'NOT_FOUND', '{"entity":"student"}', path, ''], NOW);
  const jsonReader = bareEmit(['nestjs', 'NOT_FOUND', '{"\\u0065ntity":"student"}', path, ''], NOW);
  const [a, b] = measureInterleaved([inPlace, jsonReader], 20000, 9);
  const row = { name, inPlace: median(a), jsonReader: median(b), ratio: median(a.map((time, round) => time / b[round])) };
  console.log(`${name}: lms_emit, params in place ${row.inPlace.toFixed(2)} µs, through the JSON reader ${row.jsonReader.toFixed(2)} µs, ratio ${row.ratio.toFixed(2)}`);
  return row;
});

// A yardstick from another section: parse() of seed 003's typical envelope (2.6 µs on a quiet
// machine, "Envelope" section), to tell how busy this machine was.
const typical = '{"statusCode":404,"code":"NOT_FOUND","message":"Student not found","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123","params":{"entity":"student"}}';
const [parseSamples] = measureInterleaved([() => lms.parse({ status: 404, headers: {}, body: typical })], 20000, 9);
const parseTime = median(parseSamples);
console.log(`yardstick: lms.parse of the typical envelope ${parseTime.toFixed(2)} µs`);
keepAlive();

if (!process.env.BENCH_NO_WRITE) {
  const m = machine();
  const us = (value) => `${value.toFixed(2)} µs`;
  const table = [
    '| case | emit() median | hand-written median | × hand-written (median of rounds) | emit() best | hand-written best |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ name, ours, theirs, ratio, best }) => `| ${name} | ${us(ours)} | ${us(theirs)} | ${ratio.toFixed(2)} | ${us(best[0])} | ${us(best[1])} |`),
  ].join('\n');
  const met = rows.filter(({ ours }) => ours <= 2).length;
  const metBest = rows.filter(({ best }) => best[0] <= 2).length;
  const splitTable = [
    '| case | emit() | lms_emit alone | JS layer (difference) | minimal crossing (lms_plural_category) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...splitRows.map(({ name, whole, core: bare, crossing }) => `| ${name} | ${us(whole)} | ${us(bare)} | ${us(whole - bare)} | ${us(crossing)} |`),
  ].join('\n');
  // What a path and params add to a call without them, split into the core's and the JS layer's.
  const split = (name) => splitRows.find((row) => row.name === name);
  const bare = split('nestjs INTERNAL_ERROR, no params or options');
  const added = (name, what) => {
    const row = split(name);
    return `${what} added ${us(row.core - bare.core)} to \`lms_emit\` alone and ${us(row.whole - row.core - (bare.whole - bare.core))} to the JS layer`;
  };
  const addedLine = `In this run, against INTERNAL_ERROR without params or options: ${added('nestjs INTERNAL_ERROR, {path} only', 'a path')}; ${added('nestjs NOT_FOUND {entity} only', '`{entity}`')}.`;
  const readerTable = [
    '| case | params in place | through the JSON reader | in place × JSON reader (median of rounds) |',
    '| --- | ---: | ---: | ---: |',
    ...readers.map(({ name, inPlace, jsonReader, ratio }) => `| ${name} | ${us(inPlace)} | ${us(jsonReader)} | ${ratio.toFixed(2)} |`),
  ].join('\n');
  const section = [
    '## Emit',
    '',
    `${m.date} · ${machineLine(m)} · \`npm run bench:emit\``,
    '',
    "`lms.emit()` (the tools build, as a Node server loads it) against a hand-written filter that",
    'sends the same bytes and headers (seed 003’s body with `JSON.stringify`, the catalogue entry',
    'looked up once), in 9 interleaved rounds of 20,000 calls. Goal: emit() ≤ 2 µs per call.',
    'The rows without params or options show the fixed cost of a call; the others what params and',
    'options add. The first row is `lms-errors/nestjs`’s filter (`respond()`: the exception read,',
    'the path cut, then emit()).',
    '',
    table,
    '',
    `Yardstick in the same run: \`lms.parse\` of seed 003's typical envelope took ${parseTime.toFixed(2)} µs`,
    '(2.6 µs in the "Envelope" section, measured on a quiet machine), a measure of how busy the',
    'machine was; the × column needs no correction.',
    `Goal ≤ 2 µs, as measured in this run: ${met} of ${rows.length} rows by median, ${metBest} of ${rows.length} by best round.`,
    '',
    'Where the time goes, in the same run: emit() against the core’s `lms_emit` export alone (its',
    'arguments copied into the input buffer, nothing read back) and the smallest crossing there is:',
    '',
    splitTable,
    '',
    addedLine,
    '',
    'The boundary as it is now (include/lms_errors_tools.h): the time crosses as a number and the',
    'request’s path as a text of its own, params and the other options as JSON only when given (none:',
    'an empty text, no reader runs; a server’s usual call — params, a path, its clock — sends no',
    'options JSON at all), and the result is in two parts — the head as JSON (`{"status","headers"}`),',
    'then the body’s bytes as they are, so the body is neither escaped into a JSON string by the core',
    'nor unescaped by `JSON.parse`. `web/bridge-tools.js` (the bridge’s tools-only part, which pages',
    'do not download) calls `lms_emit` with its twelve arguments directly (no spread, no per-argument',
    'loop), writes flat params (strings, numbers, booleans) as JSON straight into WASM memory with',
    'the bridge’s byte writer (`putFlat`, the one `format()` and `translate()` use; other forms go',
    'through `JSON.stringify`), decodes the result once when it is ASCII, and parses a head only when',
    'its text differs from the previous one. `lms_emit` (`bindings/tools/`) is compiled with -O2',
    'rather than -Oz, with what LTO inlines into it: pages never load it, so their download is',
    'unchanged. Params are read in place (issue 16): `lms_emit` reads the common form — strings and',
    'names without escapes, whole numbers, booleans, each name once — with the same jscan reader as',
    '`lms_format`, into `lms::EmitParam`s (name, text, string or not); any other form still goes',
    'through the JSON reader (tests/native/emit_test.cpp: both forms give the same bytes for every',
    'catalogue entry). The core (`lms::emit_to_wire`, wasm/src/emit.cpp) checks the call once, then',
    'writes the head and the body as one text into the memory of the instance’s last result (a',
    'new text only when an argument lies in it or it is over 64 KiB): the headers are views (their',
    'numbers’ digits on the stack), the timestamp is written on the stack, a message without',
    'placeholders is the catalogue’s own, so a call allocates at most a filled message and a',
    'copied path. emit_test.cpp checks that this text is `lms::emit()`’s head and body, byte for',
    'byte, for every entry, both forms of params and every option.',
    '',
    'What reading the params in place saves, in the same run: `lms_emit` alone with the same params',
    'read in place and through the JSON reader (an escaped name, `\\u0065ntity`, which only that',
    'reader takes):',
    '',
    readerTable,
    '',
    'Before and after, measured on 2026-12-07 in one process, twice (a one-off script: main’s `web/`',
    'at commit cf65771 with the `lms_tools.wasm` of main’s dist/, against this one, 9 interleaved',
    'rounds of 20,000 calls each, load average 6.1–6.4 on 2 cores): emit() took 0.55–0.59× ({path}',
    'only), 0.58–0.65× ({entity}, path, Date), 0.62–0.65× (`LmsExceptionFilter.respond`), 0.62–0.66×',
    '(no params or options), 0.69–0.78× ({entity} only) and 0.61–0.65× (`lms LMS-ADM-007`) of its',
    'time before. The change: the path and the clock cross without options JSON, flat params are',
    'written by the bridge’s byte writer rather than `JSON.stringify`, and the core writes one text',
    'with no header, timestamp or body strings of its own. Applied to main’s rows measured on an idle',
    'machine (2.19, 2.59, 2.65, 1.49, 2.13 and 1.26 µs), the larger ratios give at most 1.7 µs per',
    'row; the lead’s idle re-run is the figure to trust.',
    '',
  ].join('\n');
  console.log(`written to ${await writeSection('Emit', section)}`);
}
