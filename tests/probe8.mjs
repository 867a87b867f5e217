import { readFile } from 'node:fs/promises';
import { createLms } from '../web/core.js';
const wasm = process.argv[2] ?? new URL('../dist/lms_core.wasm', import.meta.url);
const module = await WebAssembly.compile(await readFile(wasm));
const readLocaleFile = async (locale, ns) => { try { return await readFile(new URL(`../i18n/${locale}/${ns}.json`, import.meta.url), 'utf8'); } catch { return null; } };
const utf8Reader = (ab) => { const b = Buffer.from(ab); return (s, e) => b.utf8Slice(s, e); };
const lms = await createLms(module, { locales: ['cy'] }, { readLocaleFile, utf8Reader });
const typicalBody = JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Student not found', timestamp: '2026-03-10T12:00:00.000Z', path: '/api/v1/students/abc-123', params: { entity: 'student' } });
const headers = { 'content-type': 'application/json; charset=utf-8' };
const t0 = process.hrtime.bigint();
let n = 0;
while (process.hrtime.bigint() - t0 < 2_000_000_000n) { for (let i = 0; i < 1000; i++) lms.format(lms.parse({ status: 404, headers, body: typicalBody, now: 0 }), { locale: 'cy' }); n += 1000; }
console.log((2e9 / n).toFixed(0), 'ns per format(parse)');
