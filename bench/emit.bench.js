// emit(): what a NestJS exception filter does per error, the WASM core against a hand-written
// filter (seed 003's body built with JSON.stringify), side by side in one process.
//   npm run bench:emit               (writes the "Emit" section of bench/RESULTS.md)
//   BENCH_NO_WRITE=1 npm run bench:emit   (print only)
// A benchmark, not a test: it measures, it does not pass or fail.
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
  const section = [
    '## Emit',
    '',
    `${m.date} · ${machineLine(m)} · \`npm run bench:emit\``,
    '',
    "`lms.emit()` (the tools build, as a Node server loads it) against a hand-written filter that",
    'sends the same bytes and headers (seed 003’s body with `JSON.stringify`, the catalogue entry',
    'looked up once), in 9 interleaved rounds of 20,000 calls. Goal: emit() ≤ 2 µs per call.',
    'The rows without params or options show the fixed cost of a call; the others what reading',
    'params and options as JSON into the core adds (see the note below the table). The first row is',
    '`lms-errors/nestjs`’s filter (`respond()`: the exception read, the path cut, then emit()).',
    '',
    table,
    '',
    `Yardstick in the same run: \`lms.parse\` of seed 003's typical envelope took ${parseTime.toFixed(2)} µs`,
    '(2.6 µs in the "Envelope" section, measured on a quiet machine): divide the absolute times above',
    'by the same factor; the × column needs no correction.',
    '',
    'Where the time goes: the JS side is a few type checks and `JSON.stringify` of what was given;',
    'a call without params or options now crosses with empty strings and the core skips its JSON',
    'reader (before, `{}` and an options object were always serialized and parsed), and params are',
    'no longer copied. What remains is fixed cost per call in the core — a JSON object (nlohmann)',
    'for the params, header strings, the body and then the whole reply written as JSON, read back',
    'with `JSON.parse` — about 3× the hand-written filter: the ≤ 2 µs goal is not reached yet.',
    'The next step would be a reply that is not JSON (status, header lines, body) and params read',
    'without building a JSON object.',
    'Split measured on 2026-12-07 (`uptime`: load average 15.8 on 2 cores, a 13 µs call): `JSON.parse`',
    'of the reply 1.7 µs, `JSON.stringify` of params and options 0.9 µs, and `lms.networkError()` —',
    'a crossing that does none of emit()’s work — 4.5 µs; so most of the cost is the crossing and the',
    'JSON reply (the boundary: `bindings/`, `web/bridge.js`), not `wasm/src/emit.cpp`’s writing.',
    '',
  ].join('\n');
  console.log(`written to ${await writeSection('Emit', section)}`);
}
