// The outbox's and the service worker helper's types: an app using the new API (an lms instance,
// owners, the not-accepted list, its events) type-checks with tsc --strict, and misuse does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typeCheck, typeScriptApp } from './typescript-support.js';

test('the outbox and sw-register.js type-check in a strict TypeScript app; misuse does not', async (t) => {
  const dir = await typeScriptApp(t, 'lms-errors-outbox-types-');

  const good = await typeCheck(
    dir,
    `import { init } from 'lms-errors';
import { Outbox, outcomeOf, type NotAcceptedItem } from 'lms-errors/outbox.js';
import { registerServiceWorker } from 'lms-errors/sw-register.js';

const lms = await init();
const outbox = new Outbox({ lms, owner: 'p1', refreshToken: async () => 'token', headers: { 'x-school': 'a' } });
outbox.addEventListener('auth-required', (event) => console.log(event.detail.owner, event.detail.error?.code));
outbox.addEventListener('not-accepted', (event) => console.log(event.detail.item.notAcceptedAt));
outbox.addEventListener('change', (event) => console.log(event.detail.waiting + event.detail.others, event.detail.storage));
await outbox.setOwner('p2');
await outbox.add({ idempotencyKey: crypto.randomUUID(), url: '/api/answers', body: '{}', owner: 'p2' });
const kept: NotAcceptedItem[] = await outbox.notAccepted();
const reason: string = outbox.reason(kept[0], { locale: 'cy', audience: 'pupil' });
const csv: string = await outbox.exportNotAccepted({ format: 'csv', locale: 'en-GB' });
const { outcome } = await outbox.deliver('k', async (item) => ({ error: lms.networkError('offline') }));
const kind: 'later' | 'sign-in' | 'not-accepted' = outcomeOf(lms.networkError('timeout'), null);
const storage: 'indexeddb' | 'memory' = outbox.storage;
const registration: ServiceWorkerRegistration | null = await registerServiceWorker('/lms-errors/web/sw.js', { scope: '/pupil/' });
console.log(reason, csv, outcome, kind, storage, registration);
`,
  );
  assert.equal(good, '');

  const bad = await typeCheck(
    dir,
    `import { Outbox } from 'lms-errors/outbox.js';
const outbox = new Outbox({ send: async () => 'later', storage: 'disk' });
await outbox.setOwner(7);
await outbox.exportNotAccepted({ format: 'xml' });
`,
  );
  assert.match(bad, /'"disk"' is not assignable/);
  assert.match(bad, /'number' is not assignable to parameter of type 'string'/);
  assert.match(bad, /'"xml"' is not assignable/);
});
