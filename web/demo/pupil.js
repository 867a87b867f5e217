// The pupil practice page: sign in (choose a pupil), questions in batches from the demo API
// (lms convention) so practice goes on offline, and every answer written to the outbox before it
// is sent, so that no answer is ever lost: not offline, not when the session expires, not when
// another pupil uses the same Chromebook, not when storage is blocked, not when the tab closes
// (the package's service worker delivers it).
import { Outbox } from '../outbox.js';
import { registerServiceWorker } from '../sw-register.js';
import { describeFailure, errorList, startPage } from './page.js';

const $ = (id) => document.getElementById(id);
const ANSWERS_URL = '/api/answers';
const BATCH = 5; // questions fetched at once
const PREFETCH_BELOW = 3; // fetch the next batch when fewer are left
const PUPIL_KEY = 'lms-errors-demo:pupil'; // the pupil this device last signed in, for offline starts
const QUESTIONS_KEY = 'lms-errors-demo:questions'; // the prefetched questions, for offline reloads

let page;
let outbox;
let errors; // one <lms-error> per source: 'question', 'answer', 'saved'
let signInErrors; // beside the sign-in: 'pupils', 'signIn'
let pupil = null; // { id, firstName } while signed in
let question = null; // { id, text, number, of }
let queue = []; // prefetched questions after `question`
let saved = []; // the questions the last page had prefetched: used when this one starts offline
let lastFeedback = null; // () => text, re-run when the locale changes
let sent = 0; // saved answers delivered later since the page loaded
const sending = new Set(); // keys this page is sending right now (their feedback is immediate)

const common = (key, values = {}, context = 'pupil') => page.lms.translate(key, values, { locale: page.locale, ns: 'common', context });

function remember(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: only offline starts lose this
  }
}

function recall(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

// While lms.fetch waits before a retry, the pupil sees the problem and a countdown.
const onRetry = (source) => ({ delayMs, error }) => {
  if (delayMs > 0) errors.show(source, error, { retry: true, delayMs, action: 'retry', reason: 'retrying' });
};

function setFeedback(make, kind = '') {
  lastFeedback = make;
  const feedback = $('feedback');
  feedback.textContent = make ? make() : '';
  feedback.dataset.kind = kind;
}

// ---- Questions: fetched in batches, kept for offline practice ----

function renderQuestion() {
  if (!question) return;
  $('question-number').textContent = page.t('pupil.questionOf', { number: question.number, of: question.of });
  $('question-text').textContent = question.text;
}

async function fetchBatch() {
  const after = (queue.at(-1) ?? question)?.id ?? '';
  const url = page.api(`/api/questions?n=${BATCH}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
  const response = await page.lms.fetch(url, { headers: { accept: 'application/json' } }, { onRetry: onRetry('question') });
  const { questions } = await response.json();
  queue.push(...questions);
  remember(QUESTIONS_KEY, [question, ...queue].filter(Boolean));
  errors.clear('question');
}

let fetching = null;
function prefetch() {
  fetching ??= fetchBatch().finally(() => {
    fetching = null;
  });
  return fetching;
}

/** Shows the next question: from the prefetched batch, fetching more while online. */
async function nextQuestion() {
  const useSaved = () => {
    queue = saved;
    saved = [];
  };
  if (queue.length === 0 && !navigator.onLine) useSaved();
  $('loading').hidden = queue.length > 0;
  try {
    if (queue.length === 0) await prefetch();
  } catch (thrown) {
    const { error, decision } = describeFailure(thrown);
    $('loading').hidden = true;
    if (error.dialect === 'network' && saved.length > 0) {
      useSaved();
      return nextQuestion();
    }
    if (error.dialect === 'network' && question === null && !navigator.onLine) return showNoQuestions();
    errors.show('question', error, decision, () => nextQuestion());
    return undefined;
  }
  $('loading').hidden = true;
  if (queue.length === 0) return showNoQuestions();
  question = queue.shift();
  remember(QUESTIONS_KEY, [question, ...queue]);
  $('no-questions').hidden = true;
  renderQuestion();
  $('question-card').hidden = pupil === null || !$('sign-in').hidden;
  $('answer').value = '';
  document.documentElement.dataset.question = question.id;
  if (queue.length < PREFETCH_BELOW && navigator.onLine) prefetch().catch(() => {}); // in the background
  return undefined;
}

function showNoQuestions() {
  question = null;
  $('question-card').hidden = true;
  $('no-questions').textContent = page.t('pupil.noMoreQuestions');
  $('no-questions').hidden = false;
}

// ---- Answers: into the outbox first, then sent ----

/** One immediate attempt, with lms.fetch's retries and countdown; the outbox settles the outcome. */
async function sendNow(item) {
  try {
    const response = await page.lms.fetch(
      page.api(item.url),
      { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': item.idempotencyKey }, body: item.body },
      { idempotent: true, onRetry: onRetry('answer') },
    );
    return { outcome: 'delivered', result: await response.json() };
  } catch (thrown) {
    return describeFailure(thrown); // { error, decision }: the outbox classifies it
  }
}

function showSaved() {
  setFeedback(() => common('ui.outbox.saved'), 'saved');
}

async function submit(answer) {
  const current = question;
  const item = await outbox.add({
    idempotencyKey: crypto.randomUUID(),
    url: ANSWERS_URL,
    body: JSON.stringify({ questionId: current.id, answer, answeredAt: new Date().toISOString() }),
    owner: pupil.id,
  });
  // Written before the first send: from here on a reload cannot lose the answer.
  if (!navigator.onLine || outbox.paused) {
    showSaved();
    return nextQuestion();
  }
  sending.add(item.idempotencyKey);
  let settled;
  try {
    settled = await outbox.deliver(item.idempotencyKey, sendNow);
  } finally {
    sending.delete(item.idempotencyKey);
  }
  if (settled.outcome === 'delivered') {
    errors.clear('answer');
    const { correct, correctAnswer } = settled.result;
    setFeedback(() => (correct ? page.t('pupil.correct') : page.t('pupil.incorrect', { answer: String(correctAnswer) })), correct ? 'correct' : 'incorrect');
    return nextQuestion();
  }
  if (settled.outcome === 'not-accepted') {
    // Kept in the not-accepted list (below), and said here.
    errors.show('answer', settled.error, settled.decision);
    return nextQuestion();
  }
  // 'later' (not the pupil's problem) or 'sign-in' (auth-required shows the sign-in): saved.
  errors.clear('answer');
  showSaved();
  return nextQuestion();
}

// ---- Outbox state on the page ----

async function showOutboxState(stats) {
  document.documentElement.dataset.outbox = String(stats.waiting);
  document.documentElement.dataset.outboxOthers = String(stats.others);
  document.documentElement.dataset.storage = stats.storage;
  if (stats.waiting === 0 && $('feedback').dataset.kind === 'saved') setFeedback(null);
  await renderNotAccepted();
}

const showSent = () => common('ui.outbox.sent', { count: sent }, undefined);

let exportUrl = null;
async function renderNotAccepted() {
  const items = pupil ? await outbox.notAccepted() : [];
  document.documentElement.dataset.notAccepted = String(items.length);
  $('not-accepted').hidden = items.length === 0;
  if (items.length === 0) return;
  $('not-accepted-title').textContent = common('ui.outbox.notAccepted');
  const list = $('not-accepted-list');
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.dataset.key = item.idempotencyKey;
      const { answer } = JSON.parse(item.body);
      const strong = document.createElement('strong');
      strong.textContent = String(answer);
      strong.dir = 'ltr';
      li.append(strong, ' — ', outbox.reason(item, { locale: page.locale, audience: 'pupil' }));
      return li;
    }),
  );
  if (exportUrl) URL.revokeObjectURL(exportUrl);
  exportUrl = URL.createObjectURL(new Blob([await outbox.exportNotAccepted({ format: 'csv', locale: page.locale, owner: pupil.id })], { type: 'text/csv' }));
  $('export').href = exportUrl;
  $('export').textContent = common('ui.outbox.export');
}

function showStorageWarning() {
  $('storage-warning').textContent = common('ui.outbox.memory');
  $('storage-warning').hidden = false;
}

// ---- Sign-in, sign-out, expiry ----

let signInReason = null; // () => text

async function showSignIn(reason = null) {
  signInReason = reason;
  $('sign-in-reason').textContent = reason ? reason() : '';
  $('sign-in-reason').hidden = !reason;
  $('sign-in').hidden = false;
  $('question-card').hidden = true;
  $('sign-out-confirm').hidden = true;
  $('loading').hidden = true;
  document.documentElement.dataset.signIn = 'shown';
  if ($('pupils').childElementCount === 0) {
    try {
      const response = await page.lms.fetch('/api/pupils', { headers: { accept: 'application/json' } });
      const { pupils } = await response.json();
      signInErrors.clear('pupils');
      $('pupils').replaceChildren(
        ...pupils.map((candidate) => {
          const li = document.createElement('li');
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset.pupil = candidate.id;
          button.textContent = candidate.firstName;
          button.addEventListener('click', () => signIn(candidate));
          li.append(button);
          return li;
        }),
      );
    } catch (thrown) {
      const { error, decision } = describeFailure(thrown);
      signInErrors.show('pupils', error, decision, () => showSignIn(reason));
      return;
    }
  }
  $('pupils').querySelector('button')?.focus();
}

async function signIn(candidate) {
  const ttl = new URLSearchParams(location.search).get('sessionTtl');
  try {
    const response = await page.lms.fetch(
      `/api/session${ttl ? `?sessionTtl=${encodeURIComponent(ttl)}` : ''}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pupilId: candidate.id }) },
    );
    const session = await response.json();
    signInErrors.clear('signIn');
    await signedIn(session.pupil);
  } catch (thrown) {
    const { error, decision } = describeFailure(thrown);
    signInErrors.show('signIn', error, decision, () => signIn(candidate));
  }
}

async function signedIn(who) {
  pupil = who;
  remember(PUPIL_KEY, who);
  $('sign-in').hidden = true;
  document.documentElement.dataset.signIn = 'done';
  document.documentElement.dataset.pupil = who.id;
  $('who-name').textContent = who.firstName;
  $('who').hidden = false;
  // Only this pupil's answers are sent from now on; a queue paused for sign-in resumes.
  await outbox.setOwner(who.id);
  if (question) {
    renderQuestion();
    $('question-card').hidden = false;
  } else await nextQuestion();
}

async function signOut({ confirmed = false } = {}) {
  const waiting = await outbox.count();
  if (waiting > 0 && !confirmed) {
    $('sign-out-waiting').textContent = common('ui.outbox.signOutWaiting', { count: waiting });
    $('sign-out-confirm').hidden = false;
    $('sign-out-anyway').focus();
    return;
  }
  $('sign-out-confirm').hidden = true;
  try {
    await fetch('/api/session', { method: 'DELETE' });
  } catch {
    // offline: the session cookie stays until it expires; this device forgets the pupil anyway
  }
  pupil = null;
  remember(PUPIL_KEY, null);
  await outbox.setOwner(null);
  $('who').hidden = true;
  delete document.documentElement.dataset.pupil;
  setFeedback(null);
  sent = 0;
  $('outbox-status').textContent = '';
  await showSignIn();
}

/** The session the server knows; offline, the pupil this device last signed in. */
async function startSession() {
  let who = null;
  try {
    const response = await fetch('/api/session', { headers: { accept: 'application/json' } });
    if (response.ok) who = (await response.json()).pupil;
    else who = recall(PUPIL_KEY);
  } catch {
    who = recall(PUPIL_KEY); // offline: answers are queued for them and sent (or re-signed) later
  }
  if (who) return signedIn(who);
  return showSignIn();
}

try {
  page = await startPage({
    onLocaleChange: () => {
      renderQuestion();
      if (sent > 0) $('outbox-status').textContent = showSent();
      if (lastFeedback) $('feedback').textContent = lastFeedback();
      if (signInReason) $('sign-in-reason').textContent = signInReason();
      if (!$('storage-warning').hidden) showStorageWarning();
      if (!$('no-questions').hidden) $('no-questions').textContent = page.t('pupil.noMoreQuestions');
      renderNotAccepted();
    },
  });
  errors = errorList(page, $('errors'), 'pupil');
  signInErrors = errorList(page, $('sign-in-errors'), 'pupil');
  // "Sign in again" (refresh/login) opens this page's sign-in instead of leaving the page.
  document.addEventListener(
    'lms-action',
    (event) => {
      if (event.detail?.action !== 'refresh' && event.detail?.action !== 'login') return;
      event.preventDefault();
      event.stopPropagation();
      showSignIn();
    },
    true,
  );

  outbox = new Outbox({ lms: page.lms, fetch: (url, init) => fetch(page.api(url), init) });
  outbox.addEventListener('storage', showStorageWarning);
  outbox.addEventListener('change', (event) => showOutboxState(event.detail));
  outbox.addEventListener('delivered', (event) => {
    if (sending.has(event.detail.item.idempotencyKey)) return;
    sent += 1;
    $('outbox-status').textContent = showSent();
  });
  outbox.addEventListener('not-accepted', (event) => {
    if (!sending.has(event.detail.item.idempotencyKey)) errors.show('saved', event.detail.error, event.detail.decision);
  });
  outbox.addEventListener('auth-required', () => showSignIn(() => common('ui.outbox.signIn')));
  outbox.addEventListener('error', (event) => console.warn('lms-errors demo: outbox:', event.detail.error));
  if (outbox.storage === 'memory') showStorageWarning();

  $('answer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = $('answer').value.trim();
    if (!answer || !question || !pupil) return;
    const button = $('send');
    button.disabled = true;
    try {
      await submit(answer);
    } finally {
      button.disabled = false;
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('sign-out-anyway').addEventListener('click', () => signOut({ confirmed: true }));
  $('stay-signed-in').addEventListener('click', () => {
    $('sign-out-confirm').hidden = true;
    $('sign-out').focus();
  });
  addEventListener('online', () => {
    if (!question && pupil) nextQuestion();
  });

  saved = (recall(QUESTIONS_KEY) ?? []).filter((candidate) => candidate && typeof candidate.id === 'string');
  await startSession();
  const waiting = await outbox.stats();
  showOutboxState(waiting);
  if (waiting.waiting > 0) showSaved(); // answers from before a reload are waiting: say they are safe
  outbox.start();
  // Opt-in, after the page is up: offline reloads and delivery after the tab is closed.
  if (!new URLSearchParams(location.search).has('noWorker')) {
    registerServiceWorker('/web/sw.js', { scope: '/pupil/', shell: (url) => !url.pathname.startsWith('/api/') && /\.(?:m?js|css|wasm|json)$/.test(url.pathname) });
  }
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  console.error(error);
  $('loading').textContent = `Could not start the page: ${error.message}`;
  document.documentElement.dataset.ready = 'error';
}
