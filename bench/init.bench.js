// init() in fresh Node processes (issue 15's init goal), on its own and side by side with other
// copies of the package (e.g. the main branch's worktree, built), the copies alternating sample by
// sample so load from other processes hits each alike. bench/package.bench.js reuses it.
//   node bench/init.bench.js [--samples N] [--against <package folder>]...
// A benchmark, not a test: it prints medians; it does not fail on them.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createI18next, readResources } from './i18next-peer.js';
import { machineLine, median } from './support.js';

const here = fileURLToPath(import.meta.url);
const ownPackage = fileURLToPath(new URL('../', import.meta.url));

// What one fresh process measures, after its imports (ms):
//   lms        `await init()`
//   lms-cy     `await init({ locales: ['cy'] })`
//   lms-first  `await init()` and then the first `format(parse(response))`, as [init, first call]:
//              what is left for first use (the embedded catalogue is read then) shows here
//   lms-steps  `init()`, then `loadLocale` of en-GB, cy and pl, each on its own
//   i18next    the peer: read the en-GB and cy files, `i18next.createInstance().init({ resources })`
export const MODES = ['lms', 'lms-cy', 'lms-first', 'lms-steps', 'i18next'];

// A typical 003 (NestJS) 404, the response the first call parses.
const firstResponse = {
  status: 404,
  headers: { 'content-type': 'application/json' },
  body: '{"statusCode":404,"message":"Course not found","error":"Not Found"}',
  now: 0,
};

async function child(mode, packageFolder) {
  if (mode === 'i18next') {
    const start = performance.now();
    await createI18next(await readResources(['en-GB', 'cy']));
    return performance.now() - start;
  }
  const { init } = await import(pathToFileURL(resolve(packageFolder, 'web/node.js')).href);
  let start = performance.now();
  if (mode === 'lms-steps') {
    const times = [];
    const lms = await init();
    for (const locale of ['en-GB', 'cy', 'pl']) {
      times.push(performance.now() - start);
      start = performance.now();
      await lms.loadLocale(locale);
    }
    times.push(performance.now() - start);
    return times;
  }
  const lms = await init(mode === 'lms-cy' ? { locales: ['cy'] } : {});
  const initMs = performance.now() - start;
  if (mode !== 'lms-first') return initMs;
  start = performance.now();
  const line = lms.format(lms.parse(firstResponse));
  if (!line.endsWith(']')) throw new Error(`unexpected first line: ${line}`);
  return [initMs, performance.now() - start];
}

/**
 * `samples` fresh processes per mode and package folder, interleaved. Returns
 * { [folder]: { [mode]: [sample, ...] } }; a sample is a number (ms) or an array of them.
 */
export function sampleInit({ packages = [ownPackage], modes = MODES, samples = 15 } = {}) {
  const out = Object.fromEntries(packages.map((folder) => [folder, Object.fromEntries(modes.map((mode) => [mode, []]))]));
  for (let k = 0; k < samples; k++) {
    for (const mode of modes) {
      // The peer does not depend on the package: one set of samples is enough.
      for (const folder of mode === 'i18next' ? packages.slice(0, 1) : packages) {
        const text = execFileSync(process.execPath, [here, '--child', mode, folder], { cwd: ownPackage, encoding: 'utf8' });
        out[folder][mode].push(JSON.parse(text));
      }
    }
  }
  return out;
}

export const stats = (list) => ({ median: median(list), min: Math.min(...list), max: Math.max(...list), samples: list.length });
/** The median of each position of array samples ([a, b], [a, b], …). */
export const stepMedians = (list) => list[0].map((_, k) => median(list.map((sample) => sample[k])));

function main(argv) {
  const samples = argv.includes('--samples') ? Number(argv[argv.indexOf('--samples') + 1]) : 15;
  const packages = [ownPackage];
  argv.forEach((arg, k) => arg === '--against' && packages.push(resolve(argv[k + 1])));
  console.error(`init() in fresh processes, ${samples} samples per kind: ${machineLine()}`);
  const results = sampleInit({ packages, samples });
  const ms = (value) => `${value.toFixed(1)} ms`;
  const peer = stats(results[ownPackage].i18next);
  console.log(`| package | \`init()\` median (min – max) | \`init({ locales: ['cy'] })\` | \`init()\` + first \`format(parse())\`: init, first call | steps: init, en-GB, cy, pl |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const folder of packages) {
    const row = results[folder];
    const plain = stats(row.lms);
    const [firstInit, firstCall] = stepMedians(row['lms-first']);
    console.log(`| ${folder} | ${ms(plain.median)} (${ms(plain.min)} – ${ms(plain.max)}) | ${ms(stats(row['lms-cy']).median)} | ${ms(firstInit)} + ${ms(firstCall)} | ${stepMedians(row['lms-steps']).map(ms).join(', ')} |`);
  }
  console.log(`\npeer (read en-GB + cy, i18next.init): ${ms(peer.median)} (${ms(peer.min)} – ${ms(peer.max)})`);
}

const args = process.argv.slice(2);
if (process.argv[1] === here) {
  if (args[0] === '--child') process.stdout.write(JSON.stringify(await child(args[1], args[2])));
  else main(args);
}
