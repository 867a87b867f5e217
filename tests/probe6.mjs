import { readFile } from 'node:fs/promises';
import { connect } from '../web/bridge.js';
import { init } from 'lms-errors';
const lms = await init();
const mod = await WebAssembly.compile(await readFile(new URL('../dist/lms_core.wasm', import.meta.url)));
const core = await connect(mod);
const x = core.exports;
const en = JSON.parse(await readFile(new URL('../i18n/en-GB/nestjs.json', import.meta.url), 'utf8'));
core.call('lms_add_resources', ['en-GB', 'nestjs', JSON.stringify(en)]);
lms.addResources('en-GB', 'nestjs', en);
function time(name, fn, n = 1000000) {
  for (let i = 0; i < 100000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(30), (Number(process.hrtime.bigint() - t0) / n).toFixed(0), 'ns');
}
const packed = 'NOT_FOUND\0en-GB\0nestjs\0\0fentity\0student\0';
console.log(core.call1('lms_translate', packed, 0, 0));
const enc = new TextEncoder();
x.lms_reserve(4096); const at = new Uint32Array(x.memory.buffer)[x.lms_transfer() >> 2];
const view = new Uint8Array(x.memory.buffer, at, 4096);
const saved = enc.encode(packed);
for (let r = 0; r < 2; r++) {
time('lms.translate', () => lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs' }));
time('core.call1', () => core.call1('lms_translate', packed, 0, 0));
time('set + export', () => { view.set(saved); return x.lms_translate(saved.length, 0, 0); });
time('encodeInto + export', () => { const n = enc.encodeInto(packed, view).written; return x.lms_translate(n, 0, 0); });
time('export + result', () => { view.set(saved); return core.result(x.lms_translate(saved.length, 0, 0)); });
time('lms_max_body_bytes', () => x.lms_max_body_bytes());
}
