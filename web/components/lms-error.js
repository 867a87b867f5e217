// <lms-error>: shows one normalized error (from lms.parse / lms.networkError / an LmsError) the
// way the platform wants errors shown: the localized message (lms.format), the detail lines
// (lms.details), the code as selectable text with a copy button, one action button that fits
// the decision (lms.decide / LmsError.decision), and a live countdown while a retry or a wait is
// pending. All wording comes from the core; this file only builds the DOM and acts.
//
//   import { setLms } from 'lms-errors/components/lms-error.js';   // once, or element.lms = lms
//   el.error = err; el.decision = decision; el.setAttribute('audience', 'pupil'); el.locale = 'cy';
//   el.retry = () => load();                       // what "Try again" does
//   <lms-error signin-url="/signin/" fix-target="answer">
//
// Every action does something: the button fires `lms-action` {action, error, decision}
// (bubbling, composed, cancelable); unless a listener cancels it, the element itself acts:
//   retry    calls element.retry() (none given: reloads the page)
//   refresh, login   go to the `signin-url` attribute (none given: reload, the app's own sign-in)
//   reload   reloads the page
//   fix      focuses the field the error names (its field errors, params.field), else the
//            element whose id is the `fix-target` attribute
//   contact  shows what to tell the teacher or IT admin, focus on the code's copy button
//   wait     the button waits with the countdown; then it is "retry"
//   none     hides the element
// `lms-countdown-end` {kind} fires when a countdown reaches 0.
// The code is read once: pupils see it only in the chip (format(…, { withCode: false })), staff
// keep the seeds' "message [CODE]" line and the chip is hidden from screen readers.
// Every piece of server- or param-derived text is set with textContent, never as markup.

let defaultLms = null;

/** The lms-errors instance every <lms-error> uses unless given its own (`element.lms = …`). */
export function setLms(lms) {
  defaultLms = lms;
  for (const element of document.querySelectorAll('lms-error')) element.refresh?.();
}

const STYLE = `
:host { display: block; margin-block: 1rem; }
:host([hidden]), [hidden] { display: none !important; }
.box {
  border: 2px solid #b3261e; border-inline-start-width: 0.4rem; border-radius: 0.5rem;
  background: #fff5f4; color: #1d1d1f; padding: 0.75rem 1rem; max-width: 100%; box-sizing: border-box;
}
:host([audience="pupil"]) .box { font-size: 1.15em; border-color: #b45309; background: #fffbeb; }
:host([data-state="pending"]) .box { border-color: #1d4ed8; background: #eff6ff; }
.title { font-weight: 700; margin: 0 0 0.25rem; }
.message { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
.details { margin: 0.25rem 0 0.5rem; padding-inline-start: 1.25rem; overflow-wrap: anywhere; }
.details li + li { margin-top: 0.15rem; }
.countdown { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; margin: 0.5rem 0; }
.countdown-text { font-weight: 600; }
progress { flex: 1 1 8rem; min-width: 6rem; max-width: 20rem; height: 0.75rem; accent-color: #1d4ed8; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; justify-content: space-between; }
.code-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem; font-size: 0.9em; }
code {
  font-family: ui-monospace, "DejaVu Sans Mono", monospace; user-select: all; -webkit-user-select: all;
  direction: ltr; unicode-bidi: isolate; background: #fff; color: #1d1d1f;
  border: 1px solid #9ca3af; border-radius: 0.25rem; padding: 0.1rem 0.4rem; overflow-wrap: anywhere;
}
button {
  font: inherit; min-height: 2.75rem; min-width: 2.75rem; padding: 0.35rem 1rem; border-radius: 0.4rem; cursor: pointer;
}
button.action { background: #1d4ed8; color: #fff; border: 2px solid #1d4ed8; font-weight: 600; }
button.action:disabled { background: #6b7280; border-color: #6b7280; cursor: default; }
button.copy { background: #fff; color: #1d1d1f; border: 1px solid #4b5563; font-size: 0.95em; min-height: 2.25rem; padding-block: 0.2rem; }
button:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.copied { color: #166534; font-weight: 600; }
.contact { margin: 0.5rem 0 0.25rem; font-weight: 600; }
.live { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
@media (prefers-reduced-motion: reduce) { progress { display: none; } }
@media (forced-colors: active) { .box { border-color: CanvasText; } button { border: 1px solid ButtonText; } }
`;

let sheet;
function styleSheet() {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    } catch {
      sheet = null; // no constructable style sheets: fall back to a <style> element
    }
  }
  return sheet;
}

function element(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// Actions a pupil (or teacher) has to take: an error showing one of them takes the focus.
const NEEDS_ACTION = new Set(['retry', 'refresh', 'login', 'reload', 'fix', 'contact']);

// A countdown is announced (polite) at its start, every 10 s, and each of its last 5 s.
const announces = (seconds) => seconds <= 5 || seconds % 10 === 0;

/** The field a `fix` error names: its first field error's, else params.field. */
function namedField(error) {
  const field = error?.fieldErrors?.find((entry) => typeof entry?.field === 'string' && entry.field)?.field;
  if (field) return field;
  const param = error?.params?.field;
  return typeof param === 'string' && param ? param : null;
}

export class LmsErrorElement extends HTMLElement {
  static observedAttributes = ['locale', 'audience'];

  #lms = null;
  #error = null;
  #decision = null;
  #countdown = null; // { kind: 'retry' | 'wait', startedAt, totalMs, done, announced }
  #timer = 0;
  #shown = ''; // the error last announced, so a re-render does not re-announce it
  #contactShown = false;
  #focusDue = false; // the next final state that needs an action takes the focus
  #parts;

  /** What the retry action calls (`() => void | Promise`); none: the page reloads. */
  retry = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (styleSheet()) root.adoptedStyleSheets = [styleSheet()];
    else root.append(Object.assign(document.createElement('style'), { textContent: STYLE }));
    const parts = {
      box: element('div', 'box', { part: 'box' }),
      title: element('p', 'title', { part: 'title' }),
      message: element('p', 'message', { part: 'message' }),
      details: element('ul', 'details', { part: 'details' }),
      countdown: element('div', 'countdown', { part: 'countdown' }),
      countdownText: element('span', 'countdown-text', { 'aria-hidden': 'true' }),
      progress: element('progress', '', { max: '1000', value: '0', part: 'progress' }),
      live: element('span', 'live', { role: 'status', 'aria-live': 'polite', part: 'live' }),
      contact: element('p', 'contact', { part: 'contact' }),
      row: element('div', 'row'),
      action: element('button', 'action', { type: 'button', part: 'action' }),
      codeRow: element('span', 'code-row', { part: 'code-row' }),
      code: element('code', '', { dir: 'ltr', translate: 'no', part: 'code' }),
      copy: element('button', 'copy', { type: 'button', part: 'copy' }),
      copied: element('span', 'copied', { role: 'status' }),
    };
    parts.countdown.append(parts.countdownText, parts.progress);
    parts.codeRow.append(parts.code, parts.copy, parts.copied);
    parts.row.append(parts.action, parts.codeRow);
    parts.box.append(parts.title, parts.message, parts.details, parts.countdown, parts.contact, parts.row, parts.live);
    parts.contact.hidden = true;
    root.append(parts.box);
    parts.action.addEventListener('click', () => this.#act());
    parts.copy.addEventListener('click', () => this.#copy());
    this.#parts = parts;
  }

  /** The lms-errors instance (defaults to the one given to setLms()). */
  get lms() {
    return this.#lms ?? defaultLms;
  }
  set lms(value) {
    this.#lms = value;
    this.refresh();
  }

  /** A normalized error ({dialect, code, status, message, params, fieldErrors, importErrors, …}) or null. */
  get error() {
    return this.#error;
  }
  set error(value) {
    this.#error = value ?? null;
    this.refresh();
  }

  /** The retry decision ({retry, delayMs, action, reason}); a pending retry or wait shows a countdown. */
  get decision() {
    return this.#decision;
  }
  set decision(value) {
    if (value && value === this.#decision) {
      this.refresh(); // the same wait shown again: keep counting, do not start over
      return;
    }
    this.#decision = value ?? null;
    const pending = value && value.delayMs > 0 && (value.retry || value.action === 'wait');
    this.#countdown = pending
      ? { kind: value.retry ? 'retry' : 'wait', startedAt: performance.now(), totalMs: value.delayMs, done: false, announced: 0 }
      : null;
    if (pending) this.#focusDue = true; // when the retries give up, the pupil has to act
    this.refresh();
  }

  /** Shows an error and its decision in one go (what an LmsError carries). */
  show(error, decision = null) {
    this.#error = error ?? null;
    this.decision = decision;
  }

  get locale() {
    return this.getAttribute('locale') || document.documentElement.lang || 'en-GB';
  }
  set locale(value) {
    this.setAttribute('locale', value);
  }

  get audience() {
    return this.getAttribute('audience') || 'teacher';
  }
  set audience(value) {
    this.setAttribute('audience', value);
  }

  /** Attribute `signin-url`: where refresh and login go when no listener handles them. */
  get signinUrl() {
    return this.getAttribute('signin-url');
  }
  set signinUrl(value) {
    if (value) this.setAttribute('signin-url', value);
    else this.removeAttribute('signin-url');
  }

  attributeChangedCallback() {
    this.refresh();
  }

  connectedCallback() {
    this.refresh();
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    this.#timer = 0;
  }

  #t(key, params = {}) {
    const context = this.audience === 'pupil' ? 'pupil' : undefined;
    return this.lms.translate(key, params, { locale: this.locale, ns: 'common', context });
  }

  /** The action the button offers: the decision's, else the catalogue entry's. */
  #action() {
    if (this.#countdown?.kind === 'wait' && this.#countdown.done) return 'retry';
    if (this.#decision?.action) return this.#decision.action;
    const error = this.#error;
    let entry = null;
    try {
      entry = error?.code ? this.lms.lookup(error.code, error.dialect || undefined) : null;
    } catch {
      entry = null; // a dialect the catalogue does not know: no entry, like an unknown code
    }
    return entry?.action ?? 'retry';
  }

  /** Re-renders from the current error, decision, locale and audience. */
  refresh() {
    const lms = this.lms;
    const error = this.#error;
    if (!this.isConnected || !lms || !error) {
      this.hidden = !error;
      if (!error) {
        this.removeAttribute('role');
        this.removeAttribute('data-code');
        this.#shown = '';
      }
      return;
    }
    const p = this.#parts;
    const locale = this.locale;
    const code = typeof error.code === 'string' ? error.code : '';
    const pupil = this.audience === 'pupil';
    this.hidden = false;
    this.dataset.code = code;
    p.box.lang = locale;
    p.title.textContent = this.#t('ui.error.title');
    // Pupils: the code only in the chip. Staff: the seeds' "message [CODE]" line, which screen
    // readers read, so the chip (there to copy from) is hidden from them.
    p.message.textContent = code ? lms.format(error, { locale, audience: this.audience, withCode: !pupil }) : this.#t('ui.error.unknown');
    p.details.replaceChildren(
      ...(code ? lms.details(error, { locale }) : []).map((line) => Object.assign(document.createElement('li'), { textContent: line })),
    );
    p.details.hidden = p.details.childElementCount === 0;
    p.code.textContent = code;
    if (pupil) p.code.removeAttribute('aria-hidden');
    else p.code.setAttribute('aria-hidden', 'true');
    p.codeRow.hidden = !code;
    p.copy.textContent = this.#t('ui.copyCode');

    // A new error is announced once; countdown ticks and locale switches are not re-announced.
    const identity = `${error.dialect}:${code}:${error.status}`;
    const isNew = identity !== this.#shown;
    if (isNew) {
      this.#shown = identity;
      this.#contactShown = false;
      this.#focusDue = true;
      p.copied.textContent = '';
      this.setAttribute('role', 'alert');
    }
    this.#renderCountdown();
    this.#renderContact();
    // An error the pupil has to act on takes the focus (once); an automatic retry never does.
    if (this.#focusDue && this.dataset.state === 'final') {
      this.#focusDue = false;
      if (NEEDS_ACTION.has(this.dataset.action)) this.#focusAction();
    }
  }

  #focusAction() {
    queueMicrotask(() => {
      const button = this.#parts.action;
      if (this.isConnected && !this.hidden && !button.hidden && !button.disabled) button.focus();
    });
  }

  #renderContact() {
    const p = this.#parts;
    p.contact.hidden = !this.#contactShown;
    p.contact.textContent = this.#contactShown ? this.#t('ui.contact') : '';
  }

  #renderCountdown() {
    const p = this.#parts;
    const countdown = this.#countdown;
    clearTimeout(this.#timer);
    this.#timer = 0;
    const running = countdown && !countdown.done;
    if (running) {
      const elapsed = performance.now() - countdown.startedAt;
      const remaining = Math.max(0, countdown.totalMs - elapsed);
      if (remaining <= 0) {
        countdown.done = true;
        p.live.textContent = '';
        this.dispatchEvent(new CustomEvent('lms-countdown-end', { bubbles: true, composed: true, detail: { kind: countdown.kind } }));
        this.#renderCountdown();
        // A wait that is over needs the pupil again: "Try again" takes the focus.
        if (countdown.kind === 'wait') this.#focusAction();
        return;
      }
      const seconds = Math.ceil(remaining / 1000);
      const text = this.#t(countdown.kind === 'retry' ? 'ui.retryIn' : 'ui.waitFor', { count: seconds });
      p.countdownText.textContent = text;
      // The bar's name follows the count (read when a reader reaches it); the live region
      // speaks only at the start, every 10 s and in the last 5 s, not at every tick.
      p.progress.setAttribute('aria-label', text);
      p.progress.setAttribute('aria-valuetext', text);
      if (countdown.announced !== seconds && (countdown.announced === 0 || announces(seconds))) {
        countdown.announced = seconds;
        p.live.textContent = text;
      }
      p.progress.value = Math.round((Math.min(elapsed, countdown.totalMs) / countdown.totalMs) * 1000);
      this.#timer = setTimeout(() => this.#renderCountdown(), Math.min(250, remaining));
    } else if (countdown === null) {
      p.live.textContent = '';
    }
    p.countdown.hidden = !running;
    this.dataset.state = running ? 'pending' : 'final';
    const action = this.#action();
    p.action.dataset.action = action;
    p.action.textContent = this.#t(`ui.action.${action}`);
    // While the app retries by itself there is nothing to press; during a wait the button is
    // shown but disabled until the wait is over.
    p.action.hidden = Boolean(running && countdown.kind === 'retry');
    p.action.disabled = Boolean(running && countdown.kind === 'wait');
    this.dataset.action = action;
  }

  #act() {
    const action = this.#action();
    const event = new CustomEvent('lms-action', {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail: { action, error: this.#error, decision: this.#decision },
    });
    if (!this.dispatchEvent(event)) return;
    switch (action) {
      case 'retry':
      case 'wait':
        if (typeof this.retry === 'function') this.retry();
        else globalThis.location?.reload();
        break;
      case 'refresh':
      case 'login':
        if (this.signinUrl) globalThis.location?.assign(new URL(this.signinUrl, document.baseURI).href);
        else globalThis.location?.reload();
        break;
      case 'reload':
        globalThis.location?.reload();
        break;
      case 'fix':
        this.#focusField();
        break;
      case 'contact':
        this.#contactShown = true;
        this.#renderContact();
        this.#parts.copy.focus();
        break;
      default:
        this.hidden = true;
    }
  }

  /** `fix`: the field the error names (by id, then name), else the `fix-target` element. */
  #focusField() {
    const root = this.getRootNode();
    const find = (name) => (name ? root.getElementById?.(name) ?? root.querySelector?.(`[name="${CSS.escape(name)}"]`) : null);
    const field = find(namedField(this.#error)) ?? find(this.getAttribute('fix-target'));
    if (!field) return;
    field.focus();
    if (typeof field.select === 'function' && field.matches?.('input, textarea')) field.select();
  }

  async #copy() {
    const code = this.#error?.code;
    if (!code) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(code);
      copied = true;
    } catch {
      // No clipboard permission (or an insecure context): select the code and use the old API.
      const range = document.createRange();
      range.selectNodeContents(this.#parts.code);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false; // the code stays selected for Ctrl+C
      }
    }
    this.#parts.copied.textContent = copied ? this.#t('ui.codeCopied') : '';
  }
}

if (!customElements.get('lms-error')) customElements.define('lms-error', LmsErrorElement);
