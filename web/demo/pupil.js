// The pupil practice page: one question at a time from the demo API (lms convention), answers
// sent with lms.fetch(…, { idempotent: true }), and an outbox so that no answer is ever lost.
import { Outbox } from '../outbox.js';
import { describeFailure, errorList, startPage } from './page.js';

const $ = (id) => document.getElementById(id);
const ANSWERS_URL = '/api/answers';

let page;
let question = null; // { id, text, number, of }
let lastFeedback = null; // () => text, re-run when the locale changes
// One <lms-error> per source: 'question' (loading), 'answer' (sending), 'saved' (the outbox).
let errors;

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

function renderQuestion() {
  if (!question) return;
  $('question-number').textContent = page.t('pupil.questionOf', { number: question.number, of: question.of });
  $('question-text').textContent = question.text;
}

async function loadQuestion(after = '') {
  $('loading').hidden = false;
  try {
    const response = await page.lms.fetch(page.api(`/api/question${after ? `?after=${encodeURIComponent(after)}` : ''}`), { headers: { accept: 'application/json' } }, { onRetry: onRetry('question') });
    question = await response.json();
    errors.clear('question');
    renderQuestion();
    $('question-card').hidden = false;
    $('answer').value = '';
    document.documentElement.dataset.question = question.id;
  } catch (thrown) {
    const { error, decision } = describeFailure(thrown);
    errors.show('question', error, decision, () => loadQuestion(after));
  } finally {
    $('loading').hidden = true;
  }
}

/** One attempt to deliver a saved answer; lms.decide() says whether it is worth keeping. */
async function sendSaved(item) {
  const response = await fetch(page.api(item.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': item.idempotencyKey },
    body: item.body,
  });
  if (response.ok) return { outcome: 'delivered', result: await response.json() };
  const error = page.lms.parse({ status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) });
  // Only sorts the item (keep or reject): the outbox sends it again later, so nothing is charged.
  const decision = page.lms.decide(error, { attempt: 1, method: 'POST', idempotencyKey: item.idempotencyKey }, { charge: false });
  const later = decision.retry || decision.action === 'retry' || decision.action === 'wait';
  return { outcome: later ? 'later' : 'rejected', result: { error, decision } };
}

let nextAfter = null; // the answered question, while the next one waits for the network

/** The answer is safe in the outbox: say so (not as an error) and go on to the next question. */
function showSaved(answered) {
  setFeedback(() => page.lms.translate('ui.outbox.saved', {}, { locale: page.locale, ns: 'common', context: 'pupil' }), 'saved');
  $('answer').value = '';
  if (navigator.onLine) return loadQuestion(answered.id);
  // Offline: the question stays, without the answer, until the connection is back.
  nextAfter = answered.id;
  $('question-card').hidden = true;
  return undefined;
}

async function submit(outbox, answer) {
  const current = question;
  const item = await outbox.add({
    idempotencyKey: crypto.randomUUID(),
    url: ANSWERS_URL,
    body: JSON.stringify({ questionId: current.id, answer, answeredAt: new Date().toISOString() }),
  });
  // Written before the first send: from here on a reload cannot lose the answer.
  if (!navigator.onLine) return showSaved(current);
  const sent = await outbox.hold(item.idempotencyKey, async () => {
    try {
      const response = await page.lms.fetch(
        page.api(item.url),
        { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': item.idempotencyKey }, body: item.body },
        { idempotent: true, onRetry: onRetry('answer') },
      );
      const result = await response.json();
      await outbox.remove(item.idempotencyKey);
      return { result };
    } catch (thrown) {
      return describeFailure(thrown);
    }
  });
  if (sent.result) {
    errors.clear('answer');
    const { correct, correctAnswer } = sent.result;
    setFeedback(() => (correct ? page.t('pupil.correct') : page.t('pupil.incorrect', { answer: String(correctAnswer) })), correct ? 'correct' : 'incorrect');
    return loadQuestion(current.id);
  }
  const { error, decision } = sent;
  if (error.dialect === 'network' || decision?.action === 'retry' || decision?.action === 'wait') {
    // Not the pupil's problem: the outbox sends it when the connection is back.
    errors.clear('answer');
    return showSaved(current);
  }
  // The server will never take this answer (e.g. invalid): say so; the answer stays typed in.
  await outbox.remove(item.idempotencyKey);
  errors.show('answer', error, decision, () => submit(outbox, answer));
  return undefined;
}

let sent = 0; // saved answers delivered since the page loaded
const showSent = () => page.lms.translate('ui.outbox.sent', { count: sent }, { locale: page.locale, ns: 'common' });

async function updateOutboxStatus(count) {
  document.documentElement.dataset.outbox = String(count);
}

try {
  page = await startPage({
    onLocaleChange: () => {
      renderQuestion();
      if (sent > 0) $('outbox-status').textContent = showSent();
      if (lastFeedback) $('feedback').textContent = lastFeedback();
    },
  });
  errors = errorList(page, $('errors'), 'pupil');
  const outbox = new Outbox({ send: sendSaved });
  outbox.addEventListener('change', (event) => updateOutboxStatus(event.detail.count));
  outbox.addEventListener('delivered', async () => {
    sent += 1;
    $('outbox-status').textContent = showSent();
    if ((await outbox.count()) === 0 && $('feedback').dataset.kind === 'saved') setFeedback(null);
  });
  outbox.addEventListener('rejected', (event) => errors.show('saved', event.detail.result.error, event.detail.result.decision));
  updateOutboxStatus(await outbox.count());
  outbox.start();

  $('answer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = $('answer').value.trim();
    if (!answer || !question) return;
    const button = $('send');
    button.disabled = true;
    try {
      await submit(outbox, answer);
    } finally {
      button.disabled = false;
    }
  });
  addEventListener('online', () => {
    if (nextAfter !== null || !question) loadQuestion(nextAfter ?? '');
    nextAfter = null;
  });
  await loadQuestion();
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  console.error(error);
  $('loading').textContent = `Could not start the page: ${error.message}`;
  document.documentElement.dataset.ready = 'error';
}
