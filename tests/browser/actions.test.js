// <lms-error> without dead ends, in headless Chromium against the demo server: every action
// button, in all four locales, does something a pupil or teacher can see (a request, a
// navigation, focus moving, text shown), and axe-core finds no accessibility violation in any
// state tested. Also: the countdown's live region and label, reduced motion, and focus.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { init } from 'lms-errors';
import { openPage, startBrowser } from './support.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const LOCALES = ['en-GB', 'cy', 'pl', 'ar'];

let session;
let browser;
let base;
let lms;

before(async () => {
  lms = await init({ locales: LOCALES });
  session = await startBrowser();
  ({ browser, base } = session);
});

after(async () => {
  await session?.stop();
});

const label = (action, locale, audience = 'pupil') => lms.translate(`ui.action.${action}`, {}, { locale, context: audience === 'pupil' ? 'pupil' : undefined });

/** axe-core over the whole page (open shadow roots included): the WCAG 2.1 A and AA rules. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  });
}

/** The element's action button: its text, state, and whether it has the focus. */
function actionButton(page, selector = 'lms-error') {
  return page.locator(selector).first().evaluate((host) => {
    const button = host.shadowRoot.querySelector('[part~="action"]');
    return { text: button.textContent, disabled: button.disabled, hidden: button.hidden, focused: host.shadowRoot.activeElement === button && document.activeElement === host };
  });
}

const click = (page, part, selector = 'lms-error') => page.locator(selector).first().evaluate((host, name) => host.shadowRoot.querySelector(`[part~="${name}"]`).click(), part);

/** Opens a page (CSP bypassed so that axe can be injected), checks axe, returns the page. */
async function open(t, path, ready) {
  const opened = await openPage(browser, t, { bypassCSP: true });
  await opened.page.goto(`${base}${path}`);
  await opened.page.waitForSelector(ready, { timeout: 30000 });
  return opened;
}

describe('every action, in every locale, does something observable', () => {
  for (const locale of LOCALES) {
    test(`${locale}: retry — after the automatic retries, focus on "Try again", which loads again`, async (t) => {
      const { page, problems } = await open(t, `/pupil/?locale=${locale}&fault=lms:LMS-SES-004&faultOn=question`, 'lms-error[data-state="pending"]');
      // Automatic retries never steal focus.
      assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
      await page.waitForSelector('lms-error[data-state="final"][data-action="retry"]', { timeout: 30000 });
      await page.waitForFunction(() => document.activeElement?.localName === 'lms-error');
      const button = await actionButton(page);
      assert.deepEqual(button, { text: label('retry', locale), disabled: false, hidden: false, focused: true });
      assert.deepEqual(await axeViolations(page), []);
      const request = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/questions');
      await page.keyboard.press('Enter');
      await request;
      assert.deepEqual(problems, []);
    });

    test(`${locale}: wait — a countdown, spoken at its start; the button waits`, async (t) => {
      const { page, problems } = await open(t, `/pupil/?locale=${locale}&fault=429:90`, 'lms-error[data-action="wait"][data-state="pending"]');
      const shown = await page.locator('lms-error').evaluate((host) => {
        const part = (name) => host.shadowRoot.querySelector(`[part~="${name}"]`);
        return { countdown: part('countdown').textContent, live: part('live').textContent, label: part('progress').getAttribute('aria-label'), hidden: part('countdown').hidden };
      });
      const expected = (count) => lms.translate('ui.waitFor', { count }, { locale, context: 'pupil' });
      assert.equal(shown.hidden, false);
      assert.ok([90, 89, 88, 87, 86, 85].some((count) => shown.countdown === expected(count)), shown.countdown);
      assert.ok([90, 89, 88, 87, 86, 85].some((count) => shown.live === expected(count)), `live: ${shown.live}`);
      assert.equal(shown.label, shown.countdown, 'the bar is named by the current count');
      assert.deepEqual(await actionButton(page), { text: label('wait', locale), disabled: true, hidden: false, focused: false });
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    });

    test(`${locale}: reload — "Start again" reloads the page`, async (t) => {
      const { page, problems } = await open(t, `/pupil/?locale=${locale}&fault=lms:LMS-SES-002&faultOn=question`, 'lms-error[data-action="reload"]');
      assert.equal((await actionButton(page)).text, label('reload', locale));
      assert.deepEqual(await axeViolations(page), []);
      const navigation = page.waitForRequest((r) => r.isNavigationRequest() && new URL(r.url()).pathname === '/pupil/');
      await click(page, 'action');
      await navigation;
      assert.deepEqual(problems, []);
    });

    for (const [action, code] of [['refresh', 'LMS-AUTH-002'], ['login', 'LMS-AUTH-001']]) {
      test(`${locale}: ${action} — on the pupil page, "Sign in again" opens the page's own sign-in (no navigation)`, async (t) => {
        const { page, problems } = await open(t, `/pupil/?locale=${locale}&fault=lms:${code}&faultOn=question`, `lms-error[data-action="${action}"]`);
        assert.equal((await actionButton(page)).text, label(action, locale));
        assert.deepEqual(await axeViolations(page), []);
        assert.equal(await page.locator('#sign-in').isHidden(), true);
        const url = page.url();
        let navigated = false;
        page.on('request', (r) => {
          if (r.isNavigationRequest()) navigated = true;
        });
        await click(page, 'action');
        await page.waitForSelector('#sign-in:not([hidden])');
        assert.equal(page.url(), url);
        assert.equal(navigated, false, 'the page stayed');
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, []);
      });
    }

    test(`${locale}: refresh — where nothing handles it (teacher page), "Sign in again" goes to the element's signin-url`, async (t) => {
      const { page, problems } = await open(t, `/teacher/?locale=${locale}&fault=lms:LMS-AUTH-002&faultOn=class`, 'lms-error[data-action="refresh"][data-state="final"]');
      assert.equal((await actionButton(page)).text, label('refresh', locale, 'teacher'));
      assert.deepEqual(await axeViolations(page), []);
      // A listener that handles it (the app's own sign-in) stops the navigation…
      await page.evaluate(() => document.addEventListener('lms-action', (event) => {
        window.__handled = event.detail.action;
        event.preventDefault();
      }, { once: true }));
      await click(page, 'action');
      assert.equal(await page.evaluate(() => window.__handled), 'refresh');
      // …unhandled, the element goes to its sign-in page.
      await page.locator('lms-error').evaluate((host) => host.setAttribute('signin-url', '/signin-test/?from=teacher'));
      const navigation = page.waitForRequest((r) => r.isNavigationRequest() && new URL(r.url()).pathname === '/signin-test/');
      await click(page, 'action');
      await navigation;
      assert.deepEqual(problems, []);
    });

    test(`${locale}: login — where nothing handles it and there is no signin-url (teacher page), "Sign in again" reloads`, async (t) => {
      const { page, problems } = await open(t, `/teacher/?locale=${locale}&fault=lms:LMS-AUTH-001&faultOn=class`, 'lms-error[data-action="login"][data-state="final"]');
      assert.equal((await actionButton(page)).text, label('login', locale, 'teacher'));
      assert.deepEqual(await axeViolations(page), []);
      const navigation = page.waitForRequest((r) => r.isNavigationRequest() && new URL(r.url()).pathname === '/teacher/');
      await click(page, 'action');
      await navigation;
      assert.deepEqual(problems, []);
    });

    test(`${locale}: contact — shows what to tell the teacher, the code ready to copy`, async (t) => {
      const { page, problems } = await open(t, `/pupil/?locale=${locale}&fault=lms:LMS-AUTH-003&faultOn=question`, 'lms-error[data-action="contact"]');
      assert.equal((await actionButton(page)).text, label('contact', locale));
      await click(page, 'action');
      const shown = await page.locator('lms-error').evaluate((host) => {
        const part = (name) => host.shadowRoot.querySelector(`[part~="${name}"]`);
        return { contact: part('contact').hidden ? null : part('contact').textContent, code: part('code').textContent, focus: host.shadowRoot.activeElement?.getAttribute('part') };
      });
      assert.deepEqual(shown, { contact: lms.translate('ui.contact', {}, { locale, context: 'pupil' }), code: 'LMS-AUTH-003', focus: 'copy' });
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    });

    test(`${locale}: fix — "Check the form" moves the focus to the field (teacher CSV import)`, async (t) => {
      const { page, problems } = await open(t, `/teacher/?locale=${locale}`, 'html[data-ready="true"]');
      assert.deepEqual(await axeViolations(page), []);
      await page.click('#import-form button[type="submit"]');
      await page.waitForSelector('#import-errors lms-error[data-action="fix"]');
      const button = await actionButton(page, '#import-errors lms-error');
      assert.equal(button.text, label('fix', locale, 'teacher'));
      assert.equal(button.focused, true, 'the error that needs action has the focus');
      assert.deepEqual(await axeViolations(page), []);
      await click(page, 'action', '#import-errors lms-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'csv');
      assert.deepEqual(problems, []);
    });

    test(`${locale}: fix — a field error focuses the field it names; none — "OK" hides the error`, async (t) => {
      const { page, problems } = await open(t, `/pupil/?locale=${locale}`, 'html[data-question]');
      await page.evaluate(() => {
        const field = document.createElement('lms-error');
        field.id = 'field-error';
        field.setAttribute('audience', 'pupil');
        document.getElementById('errors').append(field);
        field.error = { dialect: 'nestjs', code: 'VALIDATION_FAILED', status: 400, message: '', fieldErrors: [{ field: 'answer', rule: 'isNotEmpty' }] };
        const stopped = document.createElement('lms-error');
        stopped.id = 'stopped';
        stopped.setAttribute('audience', 'pupil');
        document.getElementById('errors').append(stopped);
        stopped.error = { dialect: 'network', code: 'ABORTED', status: 0, message: '' };
      });
      assert.equal((await actionButton(page, '#field-error')).text, label('fix', locale));
      assert.deepEqual(await axeViolations(page), []);
      await click(page, 'action', '#field-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'answer');
      assert.equal((await actionButton(page, '#stopped')).text, label('none', locale));
      await click(page, 'action', '#stopped');
      assert.equal(await page.locator('#stopped').isHidden(), true);
      assert.deepEqual(problems, []);
    });
  }
});

describe('countdown', () => {
  test('announced at the start, every 10 s and in the last 5 s; the bar\'s name follows; then "Try again" takes the focus', async (t) => {
    const { page, problems } = await openPage(browser, t);
    await page.clock.install();
    await page.goto(`${base}/pupil/?locale=cy`);
    await page.waitForSelector('html[data-ready]');
    await page.evaluate(() => {
      const element = document.createElement('lms-error');
      element.id = 'countdown';
      element.setAttribute('audience', 'pupil');
      document.getElementById('errors').append(element);
      window.__spoken = [];
      window.__labels = new Set();
      element.show({ dialect: 'http', code: 'HTTP_429', status: 429, message: '' }, { retry: false, action: 'wait', delayMs: 25000, reason: 'hint_too_long' });
      const live = element.shadowRoot.querySelector('[part~="live"]');
      window.__spoken.push(live.textContent);
      new MutationObserver(() => live.textContent && window.__spoken.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
      const bar = element.shadowRoot.querySelector('progress');
      new MutationObserver(() => window.__labels.add(bar.getAttribute('aria-label'))).observe(bar, { attributes: true, attributeFilter: ['aria-label'] });
    });
    for (let second = 0; second < 26; second += 1) await page.clock.runFor(1000);
    const spoken = await page.evaluate(() => window.__spoken);
    const labels = await page.evaluate(() => [...window.__labels]);
    const text = (count) => lms.translate('ui.waitFor', { count }, { locale: 'cy', context: 'pupil' });
    assert.deepEqual(spoken, [25, 20, 10, 5, 4, 3, 2, 1].map(text));
    assert.ok(labels.length >= 24, `the bar's name changed ${labels.length} times`);
    assert.ok(labels.includes(text(17)));
    const after = await actionButton(page, '#countdown');
    assert.deepEqual(after, { text: label('retry', 'cy'), disabled: false, hidden: false, focused: true });
    assert.deepEqual(problems, []);
  });

  test('prefers-reduced-motion: the count stays, the moving bar goes', async (t) => {
    const { page, problems } = await openPage(browser, t);
    for (const reducedMotion of ['no-preference', 'reduce']) {
      await page.emulateMedia({ reducedMotion });
      await page.goto(`${base}/pupil/?fault=429:90`);
      await page.waitForSelector('lms-error[data-state="pending"]');
      const shown = await page.locator('lms-error').evaluate((host) => ({
        bar: getComputedStyle(host.shadowRoot.querySelector('progress')).display,
        text: host.shadowRoot.querySelector('.countdown-text').textContent,
      }));
      assert.equal(shown.bar === 'none', reducedMotion === 'reduce', `${reducedMotion}: ${shown.bar}`);
      assert.match(shown.text, /\d/);
    }
    assert.deepEqual(problems, []);
  });
});

describe('the code is read once', () => {
  test('pupils: in the chip, not in the sentence; teachers: "message [CODE]", the chip hidden from screen readers', async (t) => {
    const { page, problems } = await openPage(browser, t);
    await page.goto(`${base}/pupil/?fault=lms:LMS-SES-002&faultOn=question`);
    await page.waitForSelector('lms-error[data-code="LMS-SES-002"]');
    const pupil = await page.locator('lms-error').evaluate((host) => ({
      message: host.shadowRoot.querySelector('[part~="message"]').textContent,
      chipHidden: host.shadowRoot.querySelector('[part~="code"]').getAttribute('aria-hidden'),
    }));
    assert.equal(pupil.message, lms.format({ dialect: 'lms', code: 'LMS-SES-002', status: 404 }, { audience: 'pupil', withCode: false }));
    assert.ok(!pupil.message.includes('LMS-SES-002'));
    assert.equal(pupil.chipHidden, null);
    await page.goto(`${base}/teacher/?fault=lms:LMS-TCH-001&faultOn=class`);
    await page.waitForSelector('lms-error[data-code="LMS-TCH-001"][data-state="final"]', { timeout: 30000 });
    const teacher = await page.locator('lms-error').evaluate((host) => ({
      message: host.shadowRoot.querySelector('[part~="message"]').textContent,
      chipHidden: host.shadowRoot.querySelector('[part~="code"]').getAttribute('aria-hidden'),
    }));
    assert.match(teacher.message, / \[LMS-TCH-001\]$/);
    assert.equal(teacher.chipHidden, 'true');
    assert.deepEqual(problems, []);
  });
});

describe('axe-core', () => {
  test('sees into <lms-error>\'s shadow root: a control without a name there is a violation', async (t) => {
    const { page } = await open(t, '/pupil/?fault=lms:LMS-SES-002&faultOn=question', 'lms-error[data-state="final"]');
    assert.deepEqual(await axeViolations(page), []);
    await page.locator('lms-error').evaluate((host) => host.shadowRoot.querySelector('[part~="row"], .row').append(document.createElement('button')));
    const violations = await axeViolations(page);
    assert.ok(violations.some((violation) => violation.startsWith('button-name:')), violations.join('\n'));
  });
});
