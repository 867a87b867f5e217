// The demo API's data: answers and pupils in one JSON file under the data directory.
// Writes are atomic (write a temporary file, fsync, rename over the old one) and serialized,
// and a write is acknowledged only once it is on disk. Answers and pupil imports are
// deduplicated by their Idempotency-Key: a repeated key stores nothing and gets the first
// result back.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'demo-store.json';
const MAX_RECENT = 50;

const DEMO_PUPILS = [
  { id: 'p1', firstName: 'Cerys', lastName: 'Evans', gender: 'FEMALE' },
  { id: 'p2', firstName: 'Aled', lastName: 'Jones', gender: 'MALE' },
  { id: 'p3', firstName: 'Zofia', lastName: 'Nowak', gender: 'FEMALE' },
  { id: 'p4', firstName: 'Yusuf', lastName: 'Haddad', gender: 'MALE' },
  { id: 'p5', firstName: 'Amira', lastName: 'Khan', gender: 'FEMALE' },
  { id: 'p6', firstName: 'Oliver', lastName: 'Smith', gender: 'MALE' },
];

async function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

export async function openStore(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  let data = { version: 1, answers: [], pupils: DEMO_PUPILS.map((pupil) => ({ ...pupil })), imports: [] };
  try {
    const saved = JSON.parse(await readFile(path, 'utf8'));
    if (saved && Array.isArray(saved.answers) && Array.isArray(saved.pupils)) data = { imports: [], ...saved };
  } catch {
    // No file yet (or an unreadable one): start from the demo class.
  }

  // Idempotency-Key -> { answer, durable: promise that resolves once the answer is on disk }.
  const byKey = new Map();
  for (const answer of data.answers) if (answer.idempotencyKey) byKey.set(answer.idempotencyKey, { answer, durable: Promise.resolve() });
  const importsByKey = new Map(); // Idempotency-Key -> { added, durable }
  for (const { idempotencyKey, pupilIds } of data.imports) {
    importsByKey.set(idempotencyKey, { added: data.pupils.filter((pupil) => pupilIds.includes(pupil.id)), durable: Promise.resolve() });
  }

  let writing = Promise.resolve();
  const persist = () => {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    writing = writing.catch(() => {}).then(() => writeAtomically(path, text));
    return writing;
  };

  return {
    path,
    pupils: () => data.pupils.map((pupil) => ({ ...pupil })),
    recentAnswers: (limit = MAX_RECENT) => data.answers.slice(-limit).reverse(),

    /**
     * Stores an answer unless its key was seen before. `make()` builds the record (called only
     * for a new key). Resolves to { answer, replayed } once the answer is durable.
     */
    async recordAnswer(idempotencyKey, make) {
      const seen = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
      if (seen) {
        await seen.durable;
        return { answer: seen.answer, replayed: true };
      }
      // Claimed synchronously, so a concurrent repeat of the same key waits for this write.
      const answer = { id: `a${data.answers.length + 1}`, idempotencyKey: idempotencyKey || null, ...make() };
      data.answers.push(answer);
      const durable = persist();
      if (idempotencyKey) byKey.set(idempotencyKey, { answer, durable });
      try {
        await durable;
      } catch (error) {
        // Not stored: forget it, so that the client's retry with the same key can succeed.
        data.answers.splice(data.answers.indexOf(answer), 1);
        if (idempotencyKey) byKey.delete(idempotencyKey);
        throw error;
      }
      return { answer, replayed: false };
    },

    /** Adds imported pupils; a repeated Idempotency-Key adds nothing and gets the first result. */
    async addPupils(pupils, idempotencyKey = '') {
      const seen = idempotencyKey ? importsByKey.get(idempotencyKey) : undefined;
      if (seen) {
        await seen.durable;
        return { added: seen.added, replayed: true };
      }
      const start = data.pupils.length;
      const added = pupils.map((pupil, i) => ({ id: `p${start + i + 1}`, ...pupil }));
      data.pupils.push(...added);
      if (idempotencyKey) data.imports.push({ idempotencyKey, pupilIds: added.map((pupil) => pupil.id) });
      const durable = persist();
      if (idempotencyKey) importsByKey.set(idempotencyKey, { added, durable });
      await durable;
      return { added, replayed: false };
    },

    /** Answers stored under this Idempotency-Key: 0 or 1. */
    storedFor: (idempotencyKey) => (byKey.has(idempotencyKey) ? 1 : 0),
    answerCount: () => data.answers.length,
  };
}
