// The demo API's data: answers and pupil imports in an append-only journal under the data
// directory, one JSON line per stored answer or import, fsync'd before the write is
// acknowledged, replayed at start. The file is never rewritten: a write costs the same with
// 10 answers stored or 100,000, and a write killed half-way can only tear the last line, which
// the next start ignores, reports and keeps aside. Writes that arrive together share one
// append and one fsync.
//
// Answers and imports are deduplicated by their Idempotency-Key: a repeated key stores nothing
// and gets the first result back. Keys are kept as their SHA-256 (any length, no collisions in
// practice, a fixed 64 characters in memory and on disk).
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const JOURNAL = 'demo-store.jsonl';
const LEGACY_FILE = 'demo-store.json'; // the whole-file store this journal replaces
const MAX_RECENT = 50;

const DEMO_PUPILS = [
  { id: 'p1', firstName: 'Cerys', lastName: 'Evans', gender: 'FEMALE' },
  { id: 'p2', firstName: 'Aled', lastName: 'Jones', gender: 'MALE' },
  { id: 'p3', firstName: 'Zofia', lastName: 'Nowak', gender: 'FEMALE' },
  { id: 'p4', firstName: 'Yusuf', lastName: 'Haddad', gender: 'MALE' },
  { id: 'p5', firstName: 'Amira', lastName: 'Khan', gender: 'FEMALE' },
  { id: 'p6', firstName: 'Oliver', lastName: 'Smith', gender: 'MALE' },
];

/** The form an Idempotency-Key is stored and counted under. */
export const keyDigest = (key) => createHash('sha256').update(key).digest('hex');

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isPupil = (value) => isObject(value) && typeof value.id === 'string' && typeof value.firstName === 'string' && typeof value.lastName === 'string';

// Temporary files of a write killed before its rename (the whole-file store wrote them).
async function removeStaleTemporaries(dataDir) {
  const removed = [];
  for (const name of await readdir(dataDir)) {
    if (!/^demo-store\..*\.tmp$/.test(name)) continue;
    await unlink(join(dataDir, name)).catch(() => {});
    removed.push(name);
  }
  return removed;
}

// The whole-file store's answers and imports as journal records, read leniently: a damaged
// member (`"imports": null`) is skipped and reported, never fatal.
function legacyRecords(text, problems) {
  let saved;
  try {
    saved = JSON.parse(text);
  } catch {
    problems.push(`${LEGACY_FILE}: not JSON; kept as it is, nothing imported from it`);
    return null;
  }
  if (!isObject(saved)) {
    problems.push(`${LEGACY_FILE}: not an object; nothing imported from it`);
    return null;
  }
  const records = [];
  const list = (name) => {
    if (Array.isArray(saved[name])) return saved[name];
    if (saved[name] !== undefined) problems.push(`${LEGACY_FILE}: "${name}" is not a list; ignored`);
    return [];
  };
  const pupils = new Map(list('pupils').filter(isPupil).map((pupil) => [pupil.id, pupil]));
  for (const answer of list('answers')) {
    if (!isObject(answer)) continue;
    const { idempotencyKey, ...rest } = answer;
    records.push({ type: 'answer', ...rest, key: typeof idempotencyKey === 'string' && idempotencyKey ? keyDigest(idempotencyKey) : null });
  }
  for (const item of list('imports')) {
    if (!isObject(item) || !Array.isArray(item.pupilIds)) continue;
    const added = item.pupilIds.map((id) => pupils.get(id)).filter(Boolean);
    records.push({ type: 'import', key: typeof item.idempotencyKey === 'string' ? keyDigest(item.idempotencyKey) : null, pupils: added });
  }
  return records;
}

/**
 * Opens (creating if needed) the store in `dataDir`. `store.recovery` says what the start found:
 * { tornBytes, tornSavedAs, damagedLines, removedTemporaries, problems: [text] } — `problems`
 * is empty after a clean start.
 */
export async function openStore(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, JOURNAL);
  const recovery = { tornBytes: 0, tornSavedAs: null, damagedLines: 0, removedTemporaries: [], problems: [] };
  recovery.removedTemporaries = await removeStaleTemporaries(dataDir);
  if (recovery.removedTemporaries.length > 0) recovery.problems.push(`removed ${recovery.removedTemporaries.length} stale temporary file(s)`);

  const answers = [];
  const pupils = DEMO_PUPILS.map((pupil) => ({ ...pupil }));
  const byKey = new Map(); // key digest -> { answer, durable: resolves once it is on disk }
  const importsByKey = new Map(); // key digest -> { added, durable }

  const apply = (record) => {
    if (record.type === 'answer') {
      const { type, key, ...answer } = record;
      answers.push(answer);
      if (key) byKey.set(key, { answer, durable: Promise.resolve() });
      return true;
    }
    if (record.type === 'import' && Array.isArray(record.pupils) && record.pupils.every(isPupil)) {
      pupils.push(...record.pupils);
      if (record.key) importsByKey.set(record.key, { added: record.pupils, durable: Promise.resolve() });
      return true;
    }
    return false;
  };

  let text = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  let goodSize = 0; // bytes of complete lines: where the next append goes
  if (text === null) {
    // A first start, or a data directory of the whole-file store: its records become the journal.
    let legacy = null;
    try {
      legacy = legacyRecords(await readFile(join(dataDir, LEGACY_FILE), 'utf8'), recovery.problems);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    const lines = (legacy ?? []).filter(apply).map((record) => `${JSON.stringify(record)}\n`).join('');
    await writeFile(path, lines, { flag: 'wx' });
    goodSize = Buffer.byteLength(lines);
    if (legacy) {
      await rename(join(dataDir, LEGACY_FILE), join(dataDir, `${LEGACY_FILE}.migrated`));
      recovery.problems.push(`${LEGACY_FILE}: ${legacy.length} record(s) moved into ${JOURNAL}`);
    }
  } else {
    const bytes = Buffer.from(text);
    const end = bytes.lastIndexOf(0x0a) + 1; // after the last complete line
    const lines = bytes.subarray(0, end).toString('utf8').split('\n');
    lines.pop();
    lines.forEach((line, index) => {
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        record = null;
      }
      if (!isObject(record) || !apply(record)) {
        recovery.damagedLines += 1;
        recovery.problems.push(`${JOURNAL}:${index + 1}: not a stored answer or import; skipped`);
      }
    });
    goodSize = end;
    if (end < bytes.length) {
      // A write killed mid-line: its bytes are set aside, and the journal ends at its last whole line.
      recovery.tornBytes = bytes.length - end;
      recovery.tornSavedAs = `${JOURNAL}.torn-${Date.now()}`;
      await writeFile(join(dataDir, recovery.tornSavedAs), bytes.subarray(end));
      recovery.problems.push(`${JOURNAL}: the last line was incomplete (${recovery.tornBytes} bytes, a write cut short); ignored, saved as ${recovery.tornSavedAs}`);
    }
  }

  const file = await open(path, 'a'); // O_APPEND: each write lands at the end, whoever else appends
  if (goodSize !== (await file.stat()).size) await file.truncate(goodSize);

  // Group commit: the lines queued while an append is on its way go together in the next one.
  let queued = [];
  let flushing = null;
  async function flush() {
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      const chunk = Buffer.from(batch.map((item) => item.line).join(''));
      try {
        await file.writeFile(chunk); // every byte, however many writes it takes
        await file.sync();
        goodSize += chunk.length;
        for (const item of batch) item.resolve();
      } catch (error) {
        // Not stored: whatever reached the file past the last whole line is cut off again.
        await file.truncate(goodSize).catch(() => {});
        for (const item of batch) item.reject(error);
      }
    }
    flushing = null;
  }
  const append = (record) =>
    new Promise((resolve, reject) => {
      queued.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      flushing ??= flush();
    });

  return {
    path,
    recovery,
    pupils: () => pupils.map((pupil) => ({ ...pupil })),
    recentAnswers: (limit = MAX_RECENT) => answers.slice(-limit).reverse(),

    /**
     * Stores an answer unless its key was seen before. `make()` builds the record (called only
     * for a new key). Resolves to { answer, replayed } once the answer is durable.
     */
    async recordAnswer(idempotencyKey, make) {
      const key = idempotencyKey ? keyDigest(idempotencyKey) : null;
      const seen = key ? byKey.get(key) : undefined;
      if (seen) {
        await seen.durable;
        return { answer: seen.answer, replayed: true };
      }
      // Claimed synchronously, so a concurrent repeat of the same key waits for this write.
      const answer = { id: `a${answers.length + 1}`, ...make() };
      answers.push(answer);
      const durable = append({ type: 'answer', key, ...answer });
      if (key) byKey.set(key, { answer, durable });
      try {
        await durable;
      } catch (error) {
        // Not stored: forget it, so that the client's retry with the same key can succeed.
        answers.splice(answers.indexOf(answer), 1);
        if (key) byKey.delete(key);
        throw error;
      }
      return { answer, replayed: false };
    },

    /** Adds imported pupils; a repeated Idempotency-Key adds nothing and gets the first result. */
    async addPupils(newPupils, idempotencyKey = '') {
      const key = idempotencyKey ? keyDigest(idempotencyKey) : null;
      const seen = key ? importsByKey.get(key) : undefined;
      if (seen) {
        await seen.durable;
        return { added: seen.added, replayed: true };
      }
      const start = pupils.length;
      const added = newPupils.map((pupil, i) => ({ id: `p${start + i + 1}`, ...pupil }));
      pupils.push(...added);
      const durable = append({ type: 'import', key, pupils: added });
      if (key) importsByKey.set(key, { added, durable });
      try {
        await durable;
      } catch (error) {
        for (const pupil of added) pupils.splice(pupils.indexOf(pupil), 1);
        if (key) importsByKey.delete(key);
        throw error;
      }
      return { added, replayed: false };
    },

    /** Answers stored under this Idempotency-Key: 0 or 1. */
    storedFor: (idempotencyKey) => (byKey.has(keyDigest(idempotencyKey)) ? 1 : 0),
    answerCount: () => answers.length,
    /** Waits for the writes under way, then closes the journal. */
    async close() {
      await flushing;
      await file.close();
    },
  };
}
