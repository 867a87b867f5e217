import { init } from 'lms-errors';
const lms = await init({ locales: ['cy'] });
const typicalBody = JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Student not found', timestamp: '2026-03-10T12:00:00.000Z', path: '/api/v1/students/abc-123', params: { entity: 'student' } });
const headers = { 'content-type': 'application/json; charset=utf-8' };
function time(name, fn, n = 300000) {
  for (let i = 0; i < 50000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t0) / n).toFixed(0), 'ns');
}
const err = lms.parse({ status: 404, headers, body: typicalBody, now: 0 });
const text = JSON.stringify(err);
for (let r = 0; r < 2; r++) {
time('format(parse)', () => lms.format(lms.parse({ status: 404, headers, body: typicalBody, now: 0 }), { locale: 'cy' }));
time('parse', () => lms.parse({ status: 404, headers, body: typicalBody, now: 0 }));
time('format', () => lms.format(err, { locale: 'cy' }));
time('JSON.parse(result)', () => JSON.parse(text));
time('JSON.parse(body)', () => JSON.parse(typicalBody));
}
console.log(lms.format(err, { locale: 'cy' }), text.length);
const { connect } = await import('../web/bridge.js');
const { readFile } = await import('node:fs/promises');
const core = await connect(await WebAssembly.compile(await readFile(new URL('../dist/lms_core.wasm', import.meta.url))));
for (const ns of ['common', 'nestjs']) {
  core.call('lms_add_resources', ['en-GB', ns, await readFile(new URL(`../i18n/en-GB/${ns}.json`, import.meta.url), 'utf8')]);
  core.call('lms_add_resources', ['cy', ns, await readFile(new URL(`../i18n/cy/${ns}.json`, import.meta.url), 'utf8')]);
}
const packed = 'nestjs\0NOT_FOUND\x00404\0Student not found\0cy\0teacher\0fentity\0student\0';
console.log(core.call1('lms_format', packed, 0, 0));
time('call1 format', () => core.call1('lms_format', packed, 0, 0));
const packedT = 'NOT_FOUND\0cy\0nestjs\0\0fentity\0student\0';
time('call1 translate cy', () => core.call1('lms_translate', packedT, 0, 0));
