// The UI pieces' types: an app importing lms-errors/components/lms-error.js and
// lms-errors/outbox.js through the package's exports type-checks with tsc --strict, and misuse
// does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typeCheck, typeScriptApp } from './typescript-support.js';

test('<lms-error> and the outbox type-check in a strict TypeScript app', async (t) => {
  const dir = await typeScriptApp(t, 'lms-errors-ui-types-');

  const good = await typeCheck(
    dir,
    `import { init, LmsError } from 'lms-errors';
import { setLms } from 'lms-errors/components/lms-error.js';
import { Outbox, type OutboxItem } from 'lms-errors/outbox.js';

const lms = await init();
setLms(lms);
const box = document.createElement('lms-error');
box.audience = 'pupil';
box.signinUrl = '/signin/';
box.retry = () => lms.fetch('/api/question');
const line: string = lms.format({ code: 'LMS-SES-002' }, { audience: 'pupil', withCode: false });
console.log(line);
box.addEventListener('lms-action', (event) => {
  if (event.detail.action === 'retry') event.preventDefault();
});
try {
  await lms.fetch('/api/answers', { method: 'POST' }, { idempotent: true, onRetry: ({ error, delayMs }) => box.show(error, { retry: true, delayMs, action: 'retry' }) });
} catch (thrown) {
  if (thrown instanceof LmsError) box.show(thrown.error, thrown.decision);
}
const outbox = new Outbox({ send: async (item: OutboxItem) => ((await fetch(item.url, { method: 'POST', body: item.body })).ok ? 'delivered' : 'later') });
const saved: OutboxItem = await outbox.add({ idempotencyKey: crypto.randomUUID(), url: '/api/answers', body: '{}' });
const { delivered, remaining }: { delivered: number; remaining: number } = await outbox.flush();
console.log(saved.createdAt, delivered, remaining);
const tools = await init({ tools: true });
const goSource: string = tools.codegen('go', { dialect: 'lms' });
const lintProblems: string[] = tools.checkLocales();
console.log(goSource, lintProblems);
`,
  );
  assert.equal(good, '');

  const bad = await typeCheck(
    dir,
    `import 'lms-errors/components/lms-error.js';
import { Outbox } from 'lms-errors/outbox.js';
const box = document.createElement('lms-error');
box.audience = 'parent';
box.show({ code: 'X' }, { retry: true, delayMs: 1, action: 'panic' });
new Outbox({ send: async () => 'sent' });
import { init } from 'lms-errors';
const pageLms = await init();
pageLms.codegen('ts');
`,
  );
  assert.match(bad, /'"parent"' is not assignable/);
  assert.match(bad, /'"panic"' is not assignable/);
  assert.match(bad, /'"sent"'/);
  assert.match(bad, /Property 'codegen' does not exist on type 'Lms'/, 'only the tools build has codegen()');
});
