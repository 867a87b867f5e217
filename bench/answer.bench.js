// What an answer other than JSON could save parse(): the real answer of lms.parse(typical 003
// envelope), read back into the object parse() returns three ways, side by side in one process:
// JSON.parse of its text (what web/bridge.js does), and the object built from the answer's texts
// already located in UTF-8 bytes (what fixed records with strings by offset and length, as
// web-tree-sitter marshals them, would leave JS to do: only decode the strings and build the
// object), with two string decoders. The peer is bench/package.bench.js's whole JS pipeline.
//   npm run bench:answer [-- --calls N --rounds N]   (prints a Markdown table; RESULTS.md quotes it)
import { parseArgs } from 'node:util';
import * as lms from '../web/node.js';
import { machineLine, measureInterleaved, median, typicalResponse } from './support.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '9' } } });
const core = await lms.init();
const { body } = typicalResponse;
const parsed = core.parse(typicalResponse);
const text = JSON.stringify(parsed);
const bytes = new TextEncoder().encode(text);
const decoder = new TextDecoder();

// Where each string of the answer lies in `bytes`, as records would give it (found here once).
const at = (value, from = 0) => {
  const quoted = new TextEncoder().encode(JSON.stringify(value));
  for (let i = from; i + quoted.length <= bytes.length; i++) {
    if (quoted.every((byte, k) => bytes[i + k] === byte)) return [i + 1, i + quoted.length - 1];
  }
  throw new Error(`${value} not in the answer`);
};
const [paramName] = Object.keys(parsed.params);
const spans = new Int32Array([
  ...at(parsed.dialect), ...at(parsed.code), ...at(parsed.message), ...at(paramName),
  ...at(parsed.params[paramName]), ...at(parsed.path), ...at(parsed.timestamp),
]);

const asciiLoop = (start, end) => {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
  return out;
};
const textDecoder = (start, end) => decoder.decode(bytes.subarray(start, end));
const fromRecords = (read) => () => ({
  dialect: read(spans[0], spans[1]), code: read(spans[2], spans[3]), status: parsed.status,
  message: read(spans[4], spans[5]), known: parsed.known, params: { [read(spans[6], spans[7])]: read(spans[8], spans[9]) },
  fieldErrors: [], importErrors: [], retryAfterMs: null, rateLimit: null,
  path: read(spans[10], spans[11]), timestamp: read(spans[12], spans[13]),
});
const cases = [
  ['`TextDecoder` + `JSON.parse` of the answer (what bridge.js does)', () => JSON.parse(decoder.decode(bytes))],
  ['the object from located strings, an ASCII loop', fromRecords(asciiLoop)],
  ['the object from located strings, `TextDecoder` per string', fromRecords(textDecoder)],
  ['`lms.parse(typical)` itself', () => core.parse(typicalResponse)],
  ['peer: `JSON.parse` of the body + normalized object', () => {
    const object = JSON.parse(body);
    return { dialect: 'nestjs', code: object.code, status: 404, message: object.message, known: true, params: object.params, fieldErrors: [], importErrors: [], retryAfterMs: null, rateLimit: null, path: object.path, timestamp: object.timestamp };
  }],
];
for (const [name, fn] of cases) {
  if (JSON.stringify(fn()) !== text) throw new Error(`${name}: not parse()'s object`);
}
const samples = measureInterleaved(cases.map(([, fn]) => fn), Number(values.calls), Number(values.rounds));
console.log(machineLine());
console.log(`\nThe answer: ${bytes.length} bytes, ${Object.keys(parsed).length} members.\n`);
console.log('| reading the answer | median | × JSON.parse of the answer |\n| --- | ---: | ---: |');
const base = median(samples[0]);
cases.forEach(([name], k) => console.log(`| ${name} | ${(median(samples[k]) * 1000).toFixed(0)} ns | ${(median(samples[k]) / base).toFixed(2)} |`));
