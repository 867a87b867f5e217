// The demo store's cost per write as the journal grows: each write is one appended, fsync'd
// line, so the time per write should stay flat from the first answer to the 10,000th (the
// whole-file store it replaced re-serialised and fsync'd every answer at every write).
//   npm run bench:store            (writes the "Demo store" section of bench/RESULTS.md)
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../web/demo/store.js';
import { machine, machineLine, median, writeSection } from './support.js';

const TOTAL = 10000;
const SAMPLE = 200; // sequential writes timed at each checkpoint
const CHECKPOINTS = [0, 2500, 5000, 7500, TOTAL];

const make = (i) => () => ({ pupilId: 'p1', questionId: 'q1', question: '7 + 5', answer: String(i), correct: i % 2 === 0, storedAt: new Date(0).toISOString() });

const dir = await mkdtemp(join(tmpdir(), 'lms-store-bench-'));
const rows = [];
try {
  const store = await openStore(dir);
  // Warm-up: the first appends to a new file cost the file system more than any later one.
  for (let k = 0; k < 50; k += 1) await store.recordAnswer(`warm-${k}`, make(k));
  let written = 0;
  for (const checkpoint of CHECKPOINTS) {
    // Fill concurrently up to the checkpoint (shared fsyncs), then time writes one at a time.
    const filling = [];
    for (; written < checkpoint; written += 1) filling.push(store.recordAnswer(`fill-${written}`, make(written)));
    await Promise.all(filling);
    const stored = store.answerCount();
    const times = [];
    for (let k = 0; k < SAMPLE; k += 1) {
      const start = process.hrtime.bigint();
      await store.recordAnswer(`timed-${checkpoint}-${k}`, make(k));
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const { size } = await stat(store.path);
    rows.push({ stored, ms: median(times), best: Math.min(...times), size });
    console.log(`${rows.at(-1).stored} stored: ${rows.at(-1).ms.toFixed(3)} ms per write (median of ${SAMPLE}), journal ${(size / 1e6).toFixed(1)} MB`);
  }
  // 300 writes at once (the burst): they share appends and fsyncs.
  const burstStart = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 300 }, (_, k) => store.recordAnswer(`burst-${k}`, make(k))));
  const burstMs = Number(process.hrtime.bigint() - burstStart) / 1e6;
  console.log(`300 concurrent writes: ${burstMs.toFixed(1)} ms in all`);
  await store.close();

  const m = machine();
  const first = rows[0].ms;
  const section = [
    '## Demo store',
    '',
    `${m.date} · ${machineLine(m)} · \`npm run bench:store\``,
    '',
    `The demo store's journal (\`web/demo/store.js\`): ${SAMPLE} answers written one after another`,
    '(each awaited: one appended line and one fsync) with 50 (after a warm-up) to over 10,000 answers already stored.',
    'A flat column is the goal: no write costs more because more is stored. (The whole-file',
    'store it replaced took ~60 s per 2,500 writes at 10,000 keys.) The time is mostly the fsync,',
    "so it depends on the disk; the ratio to the first row is what this measures.",
    '',
    '| answers stored | time per write (median) | best | × first row | journal size |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.stored.toLocaleString('en-GB')} | ${row.ms.toFixed(3)} ms | ${row.best.toFixed(3)} ms | ${(row.ms / first).toFixed(2)} | ${(row.size / 1e6).toFixed(2)} MB |`),
    '',
    `300 concurrent writes on top (one burst, sharing appends and fsyncs): ${burstMs.toFixed(0)} ms in all.`,
  ].join('\n');
  console.log(`written to ${await writeSection('Demo store', section)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
