// Writes the fuzzer's seed corpus from the envelope vectors: one file per vector,
// "STATUS\nName: value\n...\n\nBODY" (the input form tests/fuzz/envelope_fuzz.cpp reads).
//   node tests/fuzz/make-corpus.mjs <dir>
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';

const out = process.argv[2];
if (!out) throw new Error('usage: node tests/fuzz/make-corpus.mjs <dir>');
await mkdir(out, { recursive: true });
const dir = new URL('../vectors/envelopes/', import.meta.url);
const kMaxBytes = 65536; // libFuzzer's -max_len in scripts/fuzz.sh
let written = 0;
for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()) {
  const { vectors } = JSON.parse(await readFile(new URL(name, dir), 'utf8'));
  for (const [index, vector] of vectors.entries()) {
    const { status, headers = [], now } = vector.input;
    let body;
    if (vector.input.body !== undefined) body = Buffer.from(vector.input.body);
    else if (vector.input.bodyBase64 !== undefined) body = Buffer.from(vector.input.bodyBase64, 'base64');
    else if (vector.input.bodyGenerate !== undefined) {
      const { prefix, repeat, count, suffix } = vector.input.bodyGenerate;
      // Large bodies are cut down to a few repetitions: the fuzzer explores from the shape.
      body = Buffer.from(prefix + repeat.repeat(Math.min(count, 64)) + suffix);
    } else body = Buffer.alloc(0);
    const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
    const head = [String(status), ...pairs.map(([key, value]) => `${key}: ${value}`), ...(now ? [`now: ${now}`] : [])].join('\n');
    const file = Buffer.concat([Buffer.from(`${head}\n\n`), body]);
    if (file.length > kMaxBytes) continue;
    await writeFile(`${out}/${name.replace('.json', '')}-${String(index).padStart(3, '0')}`, file);
    written++;
  }
}
console.log(`make-corpus: ${written} seed inputs in ${out}`);
