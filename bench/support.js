// Helpers shared by the bench/*.bench.js scripts: timing, the machine line, and writing one
// section of bench/RESULTS.md. Benchmarks measure; they do not pass or fail.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

// The typical error response of the benchmarks: seed 003's NestJS 404 envelope, as a server
// sends it (what bench/package.bench.js, builds.bench.js and answer.bench.js parse).
export const typicalResponse = Object.freeze({
  status: 404,
  headers: Object.freeze({ 'content-type': 'application/json; charset=utf-8' }),
  body: JSON.stringify({
    statusCode: 404, code: 'NOT_FOUND', message: 'Student not found',
    timestamp: '2026-03-10T12:00:00.000Z', path: '/api/v1/students/abc-123', params: { entity: 'student' },
  }),
  now: 0,
});

export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

let sink = 0; // keeps results alive so nothing is optimised away
/** Readers of `sink` (never true in practice) stop V8 from proving the results unused. */
export function keepAlive() {
  if (sink === -1) console.log(sink);
}

/**
 * One function, calibrated to ~20 ms batches, then batches for `targetMs`:
 * { median, best } in ns per call (the best batch is the least disturbed by other processes).
 */
export function measureBatches(fn, targetMs = 400) {
  let batch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += fn() ? 1 : 0;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= 20) break;
    batch *= ms < 2 ? 10 : 2;
  }
  const samples = [];
  const deadline = Date.now() + targetMs;
  while (samples.length < 5 || Date.now() < deadline) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += fn() ? 1 : 0;
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], best: samples[0] };
}

/**
 * Several functions timed in interleaved rounds, so that machine noise hits every side alike.
 * `fns[k](i)` is called `iterations` times per round after a short warm-up. Returns one array
 * of µs-per-call samples per function (one sample per round).
 */
export function measureInterleaved(fns, iterations, rounds = 7) {
  const samples = fns.map(() => []);
  for (let round = 0; round < rounds; round++) {
    fns.forEach((fn, k) => {
      for (let i = 0; i < Math.min(iterations, 1000); i++) sink += fn(i) ? 1 : 0; // warm-up
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) sink += fn(i) ? 1 : 0;
      samples[k].push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
    });
  }
  return samples;
}

/** Date, CPU, cores, load average, OS and Node, for the heading of a results section. */
export function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    load: os.loadavg(),
    os: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

export const machineLine = (m = machine()) =>
  `${m.cpu} (${m.cores} cores, load average ${m.load[0].toFixed(1)}), ${m.os}, Node ${m.node}`;

/**
 * Replaces the section headed exactly `## <title>` in bench/RESULTS.md (up to the next `## `
 * heading), or appends it; the other sections stay as they are.
 */
export async function writeSection(title, section) {
  const resultsUrl = new URL('./RESULTS.md', import.meta.url);
  let existing = '';
  try {
    existing = await readFile(resultsUrl, 'utf8');
  } catch {
    existing = '# Benchmark results\n\nWritten by the `bench/*.bench.js` scripts; each owns its section.\n';
  }
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`## ${escaped}\\n[\\s\\S]*?(?=\\n## |$)`);
  const text = section.endsWith('\n') ? section : `${section}\n`;
  // A function as replacement: `$` in the section is text, not a pattern.
  const updated = pattern.test(existing) ? existing.replace(pattern, () => text) : `${existing.trimEnd()}\n\n${text}`;
  await writeFile(resultsUrl, updated.endsWith('\n') ? updated : `${updated}\n`);
  return resultsUrl.pathname;
}
