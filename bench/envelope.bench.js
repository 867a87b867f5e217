// Envelope parsing: the WASM core against the pure-JS way, side by side in one process.
//   npm run bench:envelope            (writes the "Envelope" section of bench/RESULTS.md)
//   BENCH_NO_WRITE=1 npm run bench:envelope   (print only)
// A benchmark, not a test: it measures, it does not pass or fail.
import { init } from 'lms-errors';
import { keepAlive, machine, machineLine, measureBatches, writeSection } from './support.js';

const lms = await init();

// ---- inputs -------------------------------------------------------------------------------------
const typicalBody = JSON.stringify({
  statusCode: 404,
  code: 'NOT_FOUND',
  message: 'Student not found',
  timestamp: '2026-03-10T12:00:00.000Z',
  path: '/api/v1/students/abc-123',
  params: { entity: 'student' },
});
// Mostly one-rule failures, one in ten with constraint params (as seed 003's example).
const rules = [
  ...Array.from({ length: 9 }, (_, i) => ({ rule: i % 2 ? 'isNotEmpty' : 'isEmail' })),
  { rule: 'maxLength', params: { max: '100' } },
];
const largeBody = JSON.stringify({
  statusCode: 400,
  code: 'VALIDATION_FAILED',
  message: 'Validation failed',
  timestamp: '2026-03-10T12:00:00.000Z',
  path: '/api/v1/pupils/import',
  data: { errors: Array.from({ length: 10000 }, (_, i) => ({ field: `rows.${i}.email`, ...rules[i % rules.length] })) },
});
const headers = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-7f3a' };
const encoder = new TextEncoder();
const cases = [
  { name: 'typical 003 envelope', body: typicalBody, bytes: encoder.encode(typicalBody), status: 404 },
  { name: '10,000-entry VALIDATION_FAILED', body: largeBody, bytes: encoder.encode(largeBody), status: 400 },
];

// ---- the pure-JS way: JSON.parse + building the normalized object + Map look-up -----------------
const catalogue = new Map(lms.entries().map((entry) => [`${entry.dialect}\u001f${entry.code}`, entry]));
function jsParse(status, responseHeaders, body) {
  const object = JSON.parse(body);
  const code = typeof object.code === 'string' ? object.code.trim() : `HTTP_${status}`;
  const entry = catalogue.get(`nestjs\u001f${code}`);
  const errors = Array.isArray(object.data?.errors) ? object.data.errors : [];
  const error = {
    dialect: 'nestjs',
    code,
    status,
    message: typeof object.message === 'string' ? object.message : '',
    known: entry !== undefined,
    params: object.params && typeof object.params === 'object' ? object.params : {},
    fieldErrors: errors.map((item) => {
      const field = { field: item.field };
      if (typeof item.rule === 'string') field.rule = item.rule;
      if (item.params && typeof item.params === 'object') field.params = item.params;
      return field;
    }),
    importErrors: [],
    retryAfterMs: null,
    rateLimit: null,
    path: object.path,
    timestamp: object.timestamp,
    requestId: responseHeaders['x-request-id'],
  };
  return [error, entry];
}

const rows = [];
for (const item of cases) {
  const size = item.bytes.length;
  const variants = [
    ['JS: JSON.parse + object + Map look-up', () => jsParse(item.status, headers, item.body)],
    ['WASM: lms.parse (string body)', () => lms.parse({ status: item.status, headers, body: item.body, now: 0 })],
    ['WASM: lms.parse (bytes body)', () => lms.parse({ status: item.status, headers, body: item.bytes, now: 0 })],
    [
      'WASM: lms.parse + lms.lookup',
      () => {
        const error = lms.parse({ status: item.status, headers, body: item.body, now: 0 });
        return [error, lms.lookup(error.code, error.dialect)];
      },
    ],
  ];
  for (const fn of variants.map(([, f]) => f)) for (let i = 0; i < 200; i++) fn(); // warm up
  let js;
  for (const [name, fn] of variants) {
    const { median, best } = measureBatches(fn);
    js ??= { median, best };
    rows.push({ case: item.name, bytes: size, name, ns: median, best, mbps: (size / median) * 1000, ratio: median / js.median, bestRatio: best / js.best });
  }
}

// ---- report -------------------------------------------------------------------------------------
const format = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const table = [
  '| case | body | way | time/op (median) | ns/op | MB/s | × JS | best batch: ns/op | MB/s | × JS |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (row) =>
      `| ${row.case} | ${row.bytes.toLocaleString('en')} B | ${row.name} | ${format(row.ns)} | ${Math.round(row.ns).toLocaleString('en')} | ${row.mbps.toFixed(0)} | ${row.ratio.toFixed(2)} | ${Math.round(row.best).toLocaleString('en')} | ${((row.bytes / row.best) * 1000).toFixed(0)} | ${row.bestRatio.toFixed(2)} |`,
  ),
].join('\n');
const { date, ...host } = machine();
const machineText = machineLine({ date, ...host });
console.log(`Envelope benchmark — ${date} — ${machineText}\n\n${table}\n`);
keepAlive();

if (!process.env.BENCH_NO_WRITE) {
  const section = [
    '## Envelope',
    '',
    `${date} · ${machineText} · \`npm run bench:envelope\``,
    '',
    'Parse (+ catalogue look-up) of a typical seed-003 envelope and of a 10,000-entry',
    '`VALIDATION_FAILED` envelope, WASM core against the pure-JS way (`JSON.parse` + building the',
    'normalized object + `Map` look-up), side by side in one process. Each figure is the median',
    'of ~20 ms batches over 0.4 s, and the best batch (less disturbed by other processes on a',
    'shared machine). MB/s is body bytes per second; × JS is the time relative to the JS way.',
    '',
    table,
    '',
  ].join('\n');
  console.log(`written to ${await writeSection('Envelope', section)}`);
}
