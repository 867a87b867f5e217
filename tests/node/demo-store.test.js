// The demo store as an append-only journal: whole keys, a torn last line, damaged lines, the
// old whole-file store, stale temporary files, and writes that never rewrite what is stored.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL, keyDigest, openStore } from '../../web/demo/store.js';

const answerOf = (text) => () => ({ questionId: 'q1', answer: text });

describe('demo store journal', () => {
  let dir;
  const open = [];
  const openTracked = async () => {
    const store = await openStore(dir);
    open.push(store);
    return store;
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lms-demo-journal-'));
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('two keys sharing their first 200 characters are two answers', async () => {
    const store = await openTracked();
    const prefix = 'k'.repeat(200);
    const first = await store.recordAnswer(`${prefix}-first`, answerOf('1'));
    const second = await store.recordAnswer(`${prefix}-second`, answerOf('2'));
    assert.equal(second.replayed, false, 'the second key is not taken for the first');
    assert.notEqual(second.answer.id, first.answer.id);
    assert.equal(store.answerCount(), 2);
    const reopened = await openTracked();
    assert.equal((await reopened.recordAnswer(`${prefix}-second`, () => assert.fail('stored already'))).answer.answer, '2');
    assert.equal(reopened.storedFor(`${prefix}-first`), 1);
    assert.equal(reopened.storedFor(prefix), 0);
  });

  test('a torn last line: every complete answer kept, the torn one ignored, reported and set aside', async () => {
    const store = await openTracked();
    for (let i = 1; i <= 5; i += 1) await store.recordAnswer(`key-${i}`, answerOf(String(i)));
    await store.close();
    open.length = 0;
    const path = join(dir, JOURNAL);
    const { size } = await stat(path);
    await truncate(path, size - 7); // a write killed mid-line: the last record loses its end

    const reopened = await openTracked();
    assert.equal(reopened.answerCount(), 4);
    assert.deepEqual(reopened.recentAnswers().map((answer) => answer.answer), ['4', '3', '2', '1']);
    assert.ok(reopened.recovery.tornBytes > 0);
    assert.match(reopened.recovery.problems.join('\n'), /last line was incomplete/);
    const torn = await readFile(join(dir, reopened.recovery.tornSavedAs), 'utf8');
    assert.match(torn, /^\{"type":"answer"/, 'the torn bytes are kept aside, not deleted');
    // The journal ends at its last whole line again: the next answer is a line of its own.
    assert.equal((await reopened.recordAnswer('key-5', answerOf('5 again'))).replayed, false);
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, 5);
    for (const line of lines) JSON.parse(line);
    const third = await openTracked();
    assert.equal(third.answerCount(), 5);
    assert.deepEqual(third.recovery.problems, []);
  });

  test('damaged lines are skipped and reported; the store keeps working', async () => {
    const store = await openTracked();
    await store.recordAnswer('key-1', answerOf('1'));
    await store.close();
    open.length = 0;
    await appendFile(join(dir, JOURNAL), '{"type":"import","key":null,"pupils":null}\nnull\n[1,2]\n{"type":"answer","key":null,"id":"a2","answer":"2"}\n');
    const reopened = await openTracked();
    assert.equal(reopened.recovery.damagedLines, 3);
    assert.equal(reopened.answerCount(), 2);
    assert.equal(reopened.pupils().length, 6);
    assert.equal((await reopened.recordAnswer('key-3', answerOf('3'))).replayed, false);
    assert.equal((await reopened.addPupils([{ firstName: 'Gwen', lastName: 'Pryce', gender: 'FEMALE' }], 'import-1')).added.length, 1);
  });

  test('the old whole-file store moves into the journal, "imports": null and all', async () => {
    const legacy = {
      version: 1,
      answers: [{ id: 'a1', idempotencyKey: 'old-key', questionId: 'q1', answer: '12' }, null],
      pupils: [{ id: 'p1', firstName: 'Cerys', lastName: 'Evans', gender: 'FEMALE' }, { id: 'p7', firstName: 'Gwen', lastName: 'Pryce', gender: 'FEMALE' }],
      imports: null,
    };
    await writeFile(join(dir, 'demo-store.json'), JSON.stringify(legacy));
    const store = await openTracked();
    assert.equal(store.answerCount(), 1);
    assert.equal((await store.recordAnswer('old-key', () => assert.fail('stored already'))).replayed, true);
    assert.match(store.recovery.problems.join('\n'), /"imports" is not a list/);
    assert.equal((await store.recordAnswer('new-key', answerOf('3'))).replayed, false);
    const files = await readdir(dir);
    assert.ok(files.includes('demo-store.json.migrated'), 'the old file is kept, renamed');
    assert.ok(!files.includes('demo-store.json'));
  });

  test('stale temporary files of a killed write are removed at start', async () => {
    await writeFile(join(dir, 'demo-store.json.4242.tmp'), '{"half": ');
    await writeFile(join(dir, 'notes.tmp'), 'not ours');
    const store = await openTracked();
    assert.deepEqual(store.recovery.removedTemporaries, ['demo-store.json.4242.tmp']);
    assert.deepEqual((await readdir(dir)).sort(), [JOURNAL, 'notes.tmp']);
  });

  test('a write appends one line and never rewrites the journal (10,000 answers stored)', async () => {
    const store = await openTracked();
    const path = join(dir, JOURNAL);
    const pending = [];
    for (let i = 0; i < 10000; i += 1) pending.push(store.recordAnswer(`key-${i}`, answerOf(String(i))));
    await Promise.all(pending); // concurrent writes share appends and fsyncs
    assert.equal(store.answerCount(), 10000);
    const before = (await stat(path)).size;
    const { answer } = await store.recordAnswer('key-last', answerOf('last'));
    const line = `${JSON.stringify({ type: 'answer', key: keyDigest('key-last'), ...answer })}\n`;
    assert.equal((await stat(path)).size - before, Buffer.byteLength(line), 'exactly one line more');
    const text = await readFile(path, 'utf8');
    assert.ok(text.endsWith(line));
    assert.equal(text.split('\n').length - 1, 10001);
  });

  test('keys are kept as their SHA-256: long keys cost a fixed size', async () => {
    const store = await openTracked();
    await store.recordAnswer('x'.repeat(8000), answerOf('1'));
    const [record] = (await readFile(join(dir, JOURNAL), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.equal(record.key, keyDigest('x'.repeat(8000)));
    assert.equal(record.key.length, 64);
  });
});
