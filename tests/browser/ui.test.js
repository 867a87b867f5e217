// The web UI in headless Chromium against the real demo server: <lms-error>, the pupil page's
// retries and outbox, the teacher page's import errors, locales (Welsh, Arabic right-to-left),
// and XSS. Expected wording is computed here with the same core (never typed into the test).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init } from 'lms-errors';
import { openPage as openPageIn, startBrowser } from './support.js';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const HOSTILE = '<img src=x onerror=window.__xss=1>';

let session;
let browser;
let base;
let lms;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  lms = await init({ locales: ['en-GB', 'cy', 'pl', 'ar'] });
  session = await startBrowser();
  ({ browser, base } = session);
});

after(async () => {
  await session?.stop();
});

const openPage = (t, options) => openPageIn(browser, t, options);

const screenshot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
// The demo API's counts; with a key, that Idempotency-Key's requests and stored answers (.key).
const stats = async (key) => (await fetch(`${base}/api/stats${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}`)).json();

/** What the <lms-error> shows, read through its shadow root. */
function readError(page, selector = 'lms-error') {
  return page.locator(selector).first().evaluate((host) => {
    const part = (name) => host.shadowRoot.querySelector(`[part~="${name}"]`);
    return {
      code: host.dataset.code,
      role: host.getAttribute('role'),
      state: host.dataset.state,
      action: host.dataset.action,
      hidden: host.hidden,
      title: part('title').textContent,
      message: part('message').textContent,
      details: [...part('details').querySelectorAll('li')].map((li) => li.textContent),
      codeText: part('code').textContent,
      codeDirection: getComputedStyle(part('code')).direction,
      actionText: part('action').textContent,
      actionHidden: part('action').hidden,
      countdown: part('countdown').hidden ? null : part('countdown').textContent,
      elements: host.shadowRoot.querySelectorAll('img, script, iframe, object').length,
    };
  });
}

/** The server's error for an API call, parsed by the core exactly as the page parses it. */
async function serverError(path) {
  const response = await fetch(`${base}${path}`);
  return lms.parse({ status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) });
}

const common = (key, params, locale, audience) => lms.translate(key, params ?? {}, { locale, ns: 'common', context: audience === 'pupil' ? 'pupil' : undefined });

describe('pupil page', () => {
  test('a scripted fault shows <lms-error> with the Welsh pupil text and the code', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?locale=cy&fault=lms:LMS-SES-002`);
    await page.waitForSelector('lms-error[data-code="LMS-SES-002"]');
    const shown = await readError(page);
    const error = await serverError('/api/question?fault=lms:LMS-SES-002');
    // Pupils: the code is in the chip only, so it is read once.
    const expected = lms.format(error, { locale: 'cy', audience: 'pupil', withCode: false });
    assert.equal(shown.message, expected);
    assert.ok(!shown.message.includes('LMS-SES-002'));
    assert.notEqual(expected, lms.format(error, { locale: 'en-GB', audience: 'pupil', withCode: false }), 'Welsh, not English');
    assert.equal(shown.codeText, 'LMS-SES-002');
    assert.equal(shown.role, 'alert');
    assert.equal(shown.title, common('ui.error.title', {}, 'cy', 'pupil'));
    assert.equal(shown.actionText, common(`ui.action.${shown.action}`, {}, 'cy', 'pupil'));
    assert.equal(await page.getAttribute('html', 'lang'), 'cy');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.equal(await page.inputValue('#locale'), 'cy');
    assert.ok(await page.locator('lms-error').isVisible());
    await screenshot(page, 'pupil-cy-fault');

    // Keyboard: the action and copy buttons are reachable with Tab.
    const focusable = [];
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      focusable.push(await page.evaluate(() => {
        const inner = document.activeElement?.shadowRoot?.activeElement;
        return inner ? `${document.activeElement.localName}>${inner.getAttribute('part')}` : document.activeElement?.localName;
      }));
    }
    assert.ok(focusable.includes('lms-error>action'), focusable.join(', '));
    assert.ok(focusable.includes('lms-error>copy'), focusable.join(', '));
    assert.deepEqual(problems, []);
  });

  test('"copy code" puts the code on the clipboard and says so', async (t) => {
    const { context, page, problems } = await openPage(t);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.goto(`${base}/pupil/?locale=cy&fault=lms:LMS-SES-002`);
    await page.waitForSelector('lms-error[data-code="LMS-SES-002"]');
    await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('[part~="copy"]').click());
    await page.waitForFunction(() => document.querySelector('lms-error').shadowRoot.querySelector('.copied').textContent !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'LMS-SES-002');
    assert.equal(await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('.copied').textContent), common('ui.codeCopied', {}, 'cy', 'pupil'));
    assert.deepEqual(problems, []);
  });

  test('the locale switcher re-renders the error, sets <html lang dir> and persists the choice', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?fault=lms:LMS-SES-002`);
    await page.waitForSelector('lms-error[data-code="LMS-SES-002"]');
    await page.selectOption('#locale', 'pl');
    await page.waitForFunction(() => document.documentElement.lang === 'pl');
    const error = await serverError('/api/question?fault=lms:LMS-SES-002');
    assert.equal((await readError(page)).message, lms.format(error, { locale: 'pl', audience: 'pupil', withCode: false }));
    assert.match(page.url(), /[?&]locale=pl\b/);
    assert.equal(await page.evaluate(() => localStorage.getItem('lms-errors-demo:locale')), 'pl');
    // A later visit without ?locale= remembers it.
    await page.goto(`${base}/teacher/`);
    await page.waitForSelector('html[data-ready]');
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    assert.deepEqual(problems, []);
  });

  test('fault=503x2: a countdown while retrying, then the question and no error', async (t) => {
    const { page, problems } = await openPage(t);
    // Record every countdown the element shows (it may last well under a second).
    await page.addInitScript(() => {
      window.__countdowns = [];
      new MutationObserver((records) => {
        for (const record of records) {
          const host = record.target;
          if (host.localName === 'lms-error' && host.dataset.state === 'pending') {
            const part = host.shadowRoot.querySelector('[part~="countdown"]');
            const bar = host.shadowRoot.querySelector('progress');
            window.__countdowns.push({ code: host.dataset.code, text: part.textContent, hidden: part.hidden, max: bar.max });
          }
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });
    await page.goto(`${base}/pupil/?fault=503x2`);
    await page.waitForSelector('lms-error[data-state="pending"]');
    await screenshot(page, 'pupil-503-countdown');
    await page.waitForSelector('html[data-question]');
    const countdowns = await page.evaluate(() => window.__countdowns);
    assert.ok(countdowns.length >= 1, 'a countdown was shown');
    const allowed = [1, 2, 3, 4].map((count) => common('ui.retryIn', { count }, 'en-GB', 'pupil'));
    for (const countdown of countdowns) {
      assert.equal(countdown.code, 'HTTP_503');
      assert.equal(countdown.hidden, false);
      assert.ok(allowed.includes(countdown.text), `${countdown.text} is one of ${allowed.join(' | ')}`);
    }
    assert.equal(await page.locator('lms-error').count(), 0, 'no error remains');
    assert.match(await page.textContent('#question-text'), /\d+ \S \d+/);
    await screenshot(page, 'pupil-503-recovered');
    assert.deepEqual(problems, []);
  });

  test('an answer that cannot be sent goes to the outbox, and after a reload it is delivered once', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?fault=offline&faultOn=answers`);
    await page.waitForSelector('html[data-question]');
    await page.fill('#answer', '12');
    await page.click('#send');
    await page.waitForSelector('#feedback[data-kind="saved"]', { timeout: 20000 });
    assert.equal(await page.textContent('#feedback'), common('ui.outbox.saved', {}, 'en-GB', 'pupil'));
    assert.equal(await page.locator('lms-error').count(), 0, 'saving is not an error');
    const items = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('lms-errors-outbox');
      open.onsuccess = () => {
        const all = open.result.transaction('outbox').objectStore('outbox').getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      };
    }));
    assert.equal(items.length, 1);
    const [item] = items;
    assert.deepEqual(Object.keys(item).sort(), ['body', 'createdAt', 'idempotencyKey', 'owner', 'url']);
    assert.equal(item.owner, 'p1');
    assert.equal(item.url, '/api/answers');
    assert.equal(JSON.parse(item.body).answer, '12');
    const before = (await stats(item.idempotencyKey)).key;
    assert.ok(before.requests >= 2, 'lms.fetch retried before giving up');
    assert.equal(before.stored, 0);
    await screenshot(page, 'pupil-outbox-saved');

    await page.goto(`${base}/pupil/`); // the reload, with the network back
    await page.waitForSelector('html[data-outbox="0"]');
    await page.waitForSelector('#outbox-status:not(:empty)');
    const afterReload = (await stats(item.idempotencyKey)).key;
    assert.equal(afterReload.stored, 1, 'delivered once');
    assert.equal(await page.textContent('#outbox-status'), common('ui.outbox.sent', { count: 1 }, 'en-GB'));
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    assert.equal((await stats(item.idempotencyKey)).key.stored, 1, 'still once after another reload');
    assert.deepEqual(problems, []);
  });

  test('offline in the browser (setOffline): saved at once, sent when the next page loads online', async (t) => {
    const { context, page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/`);
    await page.waitForSelector('html[data-question]');
    await context.setOffline(true);
    await page.fill('#answer', '5');
    await page.click('#send');
    await page.waitForSelector('#feedback[data-kind="saved"]');
    await page.waitForSelector('html[data-outbox="1"]');
    const [{ idempotencyKey }] = await page.evaluate(() => new Promise((resolve) => {
      indexedDB.open('lms-errors-outbox').onsuccess = (event) => {
        event.target.result.transaction('outbox').objectStore('outbox').getAll().onsuccess = (e) => resolve(e.target.result);
      };
    }));
    assert.deepEqual((await stats(idempotencyKey)).key, { requests: 0, stored: 0, sentBy: [] }, 'nothing reached the server');
    await page.close(); // the tab goes away while offline
    await context.setOffline(false);
    const next = await context.newPage();
    next.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await next.goto(`${base}/pupil/`);
    await next.waitForSelector('html[data-outbox="0"]');
    assert.deepEqual((await stats(idempotencyKey)).key, { requests: 1, stored: 1, sentBy: ['p1'] });
    assert.deepEqual(problems, []);
  });

  test('a reload in the middle of a send: the server stored it, the resend is deduplicated', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?fault=slow:4000&faultOn=answers`);
    await page.waitForSelector('html[data-question]');
    const { answers: stored, replayed } = await stats();
    await page.fill('#answer', '7');
    await page.click('#send');
    // Wait until the server has stored the answer (its reply is still 4 s away), then reload.
    for (let i = 0; (await stats()).answers === stored; i += 1) {
      assert.ok(i < 100, 'the server stored the answer');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [{ idempotencyKey }] = await page.evaluate(() => new Promise((resolve) => {
      indexedDB.open('lms-errors-outbox').onsuccess = (event) => {
        event.target.result.transaction('outbox').objectStore('outbox').getAll().onsuccess = (e) => resolve(e.target.result);
      };
    }));
    await page.goto(`${base}/pupil/`);
    await page.waitForSelector('html[data-outbox="0"]');
    const after = await stats(idempotencyKey);
    assert.equal(after.answers, stored + 1, 'one answer stored');
    assert.equal(after.replayed, replayed + 1, 'the resend got the stored result');
    assert.deepEqual(after.key, { requests: 2, stored: 1, sentBy: ['p1', 'p1'] }, 'the answer was sent twice with the same Idempotency-Key');
    assert.deepEqual(problems, []);
  });

  test('Arabic: dir="rtl", the message without the code, the code readable on its own', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?locale=ar&fault=lms:LMS-AUTH-002`);
    await page.waitForSelector('lms-error[data-code="LMS-AUTH-002"]');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    const shown = await readError(page);
    const error = await serverError('/api/question?fault=lms:LMS-AUTH-002');
    assert.equal(shown.message, lms.format(error, { locale: 'ar', audience: 'pupil', withCode: false }));
    assert.ok(!shown.message.includes('LMS-AUTH-002'), 'the code is in the chip only');
    assert.equal(shown.codeText, 'LMS-AUTH-002');
    assert.equal(shown.codeDirection, 'ltr');
    await screenshot(page, 'pupil-ar-fault');
    assert.deepEqual(problems, []);
  });

  test('fault=429:<seconds>: a wait countdown, the action disabled until it ends', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/pupil/?fault=429:90`);
    // The lms convention's 429 is the sign-in throttle: a question gets the generic HTTP_429.
    await page.waitForSelector('lms-error[data-code="HTTP_429"]');
    const shown = await readError(page);
    assert.equal(shown.state, 'pending');
    assert.equal(shown.action, 'wait');
    assert.match(shown.countdown, /\d/);
    const seconds = Number(/\d+/.exec(shown.countdown)[0]);
    assert.ok(seconds > 80 && seconds <= 90, `${seconds} s left`);
    assert.equal(shown.countdown, common('ui.waitFor', { count: seconds }, 'en-GB', 'pupil'));
    assert.equal(await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('[part~="action"]').disabled), true);
    await screenshot(page, 'pupil-429-wait');
    assert.deepEqual(problems, []);
  });
});

describe('outbox', () => {
  test('flush sends waiting items once, skips held ones, keeps "later", keeps "rejected" in the not-accepted list', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/`);
    const result = await page.evaluate(async () => {
      const { Outbox } = await import('/web/outbox.js');
      const sent = [];
      const answers = { a: 'delivered', b: 'later', c: 'rejected' };
      const events = [];
      const outbox = new Outbox({
        dbName: 'outbox-unit',
        send: async (item) => {
          sent.push(item.idempotencyKey);
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (item.idempotencyKey === 'e') throw new TypeError('Failed to fetch');
          return answers[item.idempotencyKey] ?? 'delivered';
        },
      });
      for (const event of ['delivered', 'rejected']) outbox.addEventListener(event, (e) => events.push(`${event}:${e.detail.item.idempotencyKey}`));
      for (const key of ['a', 'b', 'c', 'd', 'e']) await outbox.add({ idempotencyKey: key, url: '/api/x', body: '{}' });
      let release;
      const held = outbox.hold('d', () => new Promise((resolve) => { release = resolve; }));
      const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]); // one round, not two
      const waiting = (await outbox.list()).map((item) => item.idempotencyKey);
      release();
      await held;
      const third = await outbox.flush();
      const errors = [];
      for (const bad of [{}, { idempotencyKey: 'x', url: 1, body: '' }, { idempotencyKey: 'x', url: '/', body: {} }]) {
        await outbox.add(bad).catch((error) => errors.push(error.name));
      }
      const notAccepted = (await outbox.notAccepted()).map((item) => item.idempotencyKey);
      return { sent, first, same: first === second || JSON.stringify(first) === JSON.stringify(second), waiting, third, events, errors, notAccepted };
    });
    assert.deepEqual(result.sent, ['a', 'b', 'c', 'e', 'b', 'd', 'e']);
    assert.deepEqual(result.first, { delivered: 1, remaining: 3, notAccepted: 1, paused: false });
    assert.ok(result.same);
    assert.deepEqual(result.waiting, ['b', 'd', 'e']);
    assert.deepEqual(result.third, { delivered: 1, remaining: 2, notAccepted: 0, paused: false });
    assert.deepEqual(result.notAccepted, ['c']);
    assert.deepEqual(result.events, ['delivered:a', 'rejected:c', 'delivered:d']);
    assert.deepEqual(result.errors, ['TypeError', 'TypeError', 'TypeError']);
    assert.deepEqual(problems, []);
  });

  test('a saved answer the server will never take is kept in the not-accepted list and shown as an error', async (t) => {
    const { page, problems } = await openPage(t);
    // Without the service worker: it would deliver (and settle) the item before the page does.
    await page.goto(`${base}/pupil/?noWorker`);
    await page.waitForSelector('html[data-question]');
    await page.evaluate(async () => {
      const { Outbox } = await import('/web/outbox.js');
      await new Outbox({ send: async () => 'later' }).add({ idempotencyKey: 'bad-answer', url: '/api/answers', body: JSON.stringify({ questionId: 'q-unknown', answer: '1' }), owner: 'p1' });
    });
    await page.reload();
    await page.waitForSelector('lms-error[data-code="LMS-SES-002"]');
    await page.waitForSelector('html[data-outbox="0"]');
    assert.deepEqual((await stats('bad-answer')).key, { requests: 1, stored: 0, sentBy: ['p1'] });
    await page.waitForSelector('html[data-not-accepted="1"]');
    const error = await serverError('/api/question?fault=lms:LMS-SES-002');
    assert.equal(await page.textContent('#not-accepted-list li[data-key="bad-answer"]'), `1 — ${lms.format(error, { locale: 'en-GB', audience: 'pupil' })}`, 'the pupil sees it, with why');
    assert.deepEqual(problems, []);
  });
});

describe('teacher page', () => {
  test('the dashboard from the demo API, in three conventions', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/teacher/`);
    await page.waitForSelector('html[data-ready="true"]');
    assert.ok((await page.locator('#pupils tbody tr').count()) >= 6);
    assert.match(await page.textContent('#signed-in'), /Ysgol Enfys Primary.*Ms Evans/);
    assert.equal(await page.locator('lms-error').count(), 0);
    await screenshot(page, 'teacher-dashboard');
    assert.deepEqual(problems, []);
  });

  test('LMS-TCH-001 from all three APIs: retried with a countdown, shown once, Try again (keyboard) reloads all', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/teacher/?fault=lms:LMS-TCH-001`);
    await page.waitForSelector('lms-error[data-code="LMS-TCH-001"][data-state="pending"]');
    await page.waitForSelector('lms-error[data-code="LMS-TCH-001"][data-state="final"]', { timeout: 20000 });
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.locator('lms-error').count(), 1, 'one element for the three failed loads');
    const shown = await readError(page);
    const error = await serverError('/api/teacher/class?fault=lms:LMS-TCH-001');
    assert.equal(shown.message, lms.format(error, { locale: 'en-GB', audience: 'teacher' }));
    assert.equal(shown.action, 'retry');
    assert.equal(shown.actionText, common('ui.action.retry', {}, 'en-GB'));
    await screenshot(page, 'teacher-tch-001');
    // Enter on the focused "Try again" loads all three again.
    await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('[part~="action"]').focus());
    const again = ['/api/teacher/class', '/api/school', '/api/me'].map((path) => page.waitForRequest((request) => new URL(request.url()).pathname === path));
    await page.keyboard.press('Enter');
    await Promise.all(again);
    assert.deepEqual(problems, []);
  });

  test('the CSV import shows IMPORT_VALIDATION_FAILED with details(): columns, row ranges, allowed values', async (t) => {
    for (const locale of ['en-GB', 'cy', 'ar']) {
      const { page, problems } = await openPage(t);
      await page.goto(`${base}/teacher/?locale=${locale}`);
      await page.waitForSelector('html[data-ready="true"]');
      const csv = await page.inputValue('#csv');
      await page.click('#import-form button[type="submit"]');
      await page.waitForSelector('#import-errors lms-error[data-code="IMPORT_VALIDATION_FAILED"]');
      const shown = await readError(page, '#import-errors lms-error');
      const response = await fetch(`${base}/api/teacher/import`, { method: 'POST', body: csv });
      const error = lms.parse({ status: response.status, headers: response.headers, body: await response.text() });
      assert.deepEqual(shown.details, lms.details(error, { locale }));
      assert.equal(shown.details.length, 3);
      assert.deepEqual(error.importErrors.map((e) => [e.column, e.rows]), [['gender', [[2, 5], [8, 8]]], ['first_name', [[7, 7]]], ['last_name', [[9, 9]]]]);
      assert.ok(shown.details[0].includes('MALE') && shown.details[0].includes('FEMALE'), 'allowed values listed');
      assert.equal(shown.action, 'fix');
      await screenshot(page, `teacher-import-${locale}`);
      assert.deepEqual(problems, []);
    }
  });
});

describe('landing page', () => {
  test('every scripted scenario linked from / runs without page errors and shows its error', async (t) => {
    const { page, problems } = await openPage(t);
    await page.goto(`${base}/`);
    const links = await page.$$eval('.scenarios a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 8);
    for (const href of links) {
      const fault = new URL(href, base).searchParams.get('fault') ?? '';
      await page.goto(`${base}${href}`);
      const code = /^[a-z]+:(.+)$/.exec(fault)?.[1];
      if (code) await page.waitForSelector(`lms-error[data-code="${code}"]`);
      else if (fault.startsWith('429')) await page.waitForSelector('lms-error[data-state="pending"]');
      else await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
    }
    assert.deepEqual(problems, []);
  });
});

describe('XSS', () => {
  test('params and messages with markup render as inert text', async (t) => {
    const { page, problems } = await openPage(t);
    const params = encodeURIComponent(JSON.stringify({ entity: HOSTILE }));
    await page.goto(`${base}/teacher/?fault=nestjs:NOT_FOUND&faultOn=class&faultParams=${params}`);
    await page.waitForSelector('lms-error[data-code="NOT_FOUND"]');
    let shown = await readError(page);
    assert.match(shown.message, /img src=x onerror/, 'the markup is shown as text');
    assert.equal(shown.elements, 0);

    // A hostile normalized error straight into the element: code, message, params, field and
    // import errors all carry markup.
    await page.evaluate((hostile) => {
      const element = document.createElement('lms-error');
      element.id = 'hostile';
      document.body.append(element);
      element.error = {
        dialect: 'lms',
        code: hostile,
        status: 400,
        message: hostile,
        known: false,
        params: { entity: hostile },
        fieldErrors: [{ field: hostile, rule: 'isEmail', message: hostile, params: { max: hostile } }],
        importErrors: [{ code: 'FIELD_INVALID', column: hostile, rows: [[2, 5]], allowedValues: [hostile, 'MALE'] }],
        retryAfterMs: null,
        rateLimit: null,
      };
    }, HOSTILE);
    shown = await readError(page, '#hostile');
    assert.equal(shown.codeText, HOSTILE);
    assert.ok(shown.message.includes('img'), shown.message);
    assert.ok(shown.details.length >= 2);
    assert.equal(shown.elements, 0);
    await screenshot(page, 'xss-inert');
    await page.waitForTimeout(300); // an onerror would have fired by now
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
    assert.deepEqual(problems, []);
  });
});

describe('200 % zoom', () => {
  test('the pupil error and the teacher import errors reflow without horizontal scrolling', async (t) => {
    // 640 CSS px at 200 % is what a 1280 px wide window shows zoomed in.
    const { page, problems } = await openPage(t, { viewport: { width: 640, height: 900 } });
    for (const [path, wait, name] of [
      ['/pupil/?locale=cy&fault=lms:LMS-SES-002', 'lms-error', 'zoom-pupil-cy'],
      ['/pupil/?locale=ar&fault=lms:LMS-AUTH-002', 'lms-error', 'zoom-pupil-ar'],
    ]) {
      await page.goto(`${base}${path}`);
      await page.waitForSelector(wait);
      await page.evaluate(() => {
        document.documentElement.style.zoom = '2';
      });
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name}: no horizontal scroll`);
      await screenshot(page, name);
    }
    await page.goto(`${base}/teacher/`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.click('#import-form button[type="submit"]');
    await page.waitForSelector('#import-errors lms-error');
    await page.evaluate(() => {
      document.documentElement.style.zoom = '2';
    });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'teacher: no horizontal scroll');
    await page.locator('#import-errors').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'zoom-teacher-import.png') });
    assert.deepEqual(problems, []);
  });
});
