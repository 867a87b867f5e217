// Builds of the core side by side: the same hot calls (bench/package.bench.js's typical 003
// envelope) on each given .wasm, interleaved in one Node process, with each file's size. For
// comparing build flags or a change against the build before it (copy dist/*.wasm aside first).
//   node bench/builds.bench.js "name=path/to/a.wasm" "name=path/to/b.wasm" ...
// Prints a Markdown table; times are medians of CPU time per call, ratios to the first build.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createLms } from '../web/core.js';
import { readingAhead } from '../web/i18n.js';
import { nodePlatform } from '../web/node-platform.js';
import { machineLine, median, typicalResponse } from './support.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { calls: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '9' } },
});
if (positionals.length === 0) {
  console.error('usage: node bench/builds.bench.js "name=path.wasm" ... [--calls N] [--rounds N]');
  process.exit(2);
}
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const builds = [];
for (const argument of positionals) {
  const cut = argument.lastIndexOf('=');
  const [name, path] = cut > 0 ? [argument.slice(0, cut), argument.slice(cut + 1)] : [argument, argument];
  const bytes = await readFile(path);
  const options = { locales: ['cy'] };
  const lms = await createLms(await WebAssembly.compile(bytes), options, readingAhead(nodePlatform, options));
  builds.push({ name, size: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, lms, times: {} });
}

const response = typicalResponse;
const cases = {
  'parse(typical)': (lms) => lms.parse(response),
  'format(err), cy': (lms, err) => lms.format(err, { locale: 'cy' }),
  'format(parse()), cy': (lms) => lms.format(lms.parse(response), { locale: 'cy' }),
  'translate, cy': (lms) => lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs', locale: 'cy' }),
};

// Every build must answer alike, or the comparison means nothing.
for (const build of builds) build.err = build.lms.parse(response);
for (const [name, call] of Object.entries(cases)) {
  const answers = builds.map((build) => JSON.stringify(call(build.lms, build.err)));
  if (new Set(answers).size !== 1) throw new Error(`${name}: the builds answer differently: ${answers.join(' | ')}`);
}

for (let round = 0; round < rounds; round++) {
  for (const [name, call] of Object.entries(cases)) {
    for (const build of builds) {
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) call(build.lms, build.err);
      const used = process.cpuUsage(start);
      (build.times[name] ??= []).push((used.user + used.system) / calls);
    }
  }
}

const names = Object.keys(cases);
const first = builds[0];
console.log(`${machineLine()}; ${rounds} rounds × ${calls} calls, medians of CPU time per call (× the first build)\n`);
console.log(`| build | .wasm | gzip -9 | ${names.join(' | ')} |`);
console.log(`| --- | ---: | ---: | ${names.map(() => '---:').join(' | ')} |`);
for (const build of builds) {
  const cells = names.map((name) => {
    const time = median(build.times[name]);
    return `${time.toFixed(2)} µs (${(time / median(first.times[name])).toFixed(2)})`;
  });
  console.log(`| ${build.name} | ${build.size.toLocaleString('en')} B | ${build.gzip.toLocaleString('en')} B | ${cells.join(' | ')} |`);
}
