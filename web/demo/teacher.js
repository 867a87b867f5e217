// The teacher dashboard: the class and recent answers (nestjs convention), the school (wrapped)
// and the signed-in teacher (okflag) from the demo API, errors shown with <lms-error>, and a
// CSV import whose IMPORT_VALIDATION_FAILED answer is listed row by row with lms.details().
import { describeFailure, errorList, startPage } from './page.js';

const $ = (id) => document.getElementById(id);

let page;
let dashboard = null; // the last class payload, re-rendered when the locale changes
let profile = { school: '', name: '' };
let importResult = null;

let errors; // the dashboard's loads: 'class', 'school', 'me'
let importErrors; // the CSV import

/** GET a JSON resource with lms.fetch; errors (and retry countdowns) go into the page's error list. */
async function load(source, path) {
  const onRetry = ({ delayMs, error }) => {
    if (delayMs > 0) errors.show(source, error, { retry: true, delayMs, action: 'retry', reason: 'retrying' });
  };
  try {
    const response = await page.lms.fetch(page.api(path), { headers: { accept: 'application/json' } }, { onRetry });
    const value = await response.json();
    errors.clear(source);
    return value;
  } catch (thrown) {
    const { error, decision } = describeFailure(thrown);
    errors.show(source, error, decision, () => refresh(source));
    return null;
  }
}

function cells(row, values) {
  for (const value of values) row.insertCell().textContent = String(value); // data is text, never markup
}

function renderDashboard() {
  const pupils = $('pupils').tBodies[0];
  const recent = $('recent').tBodies[0];
  pupils.replaceChildren();
  recent.replaceChildren();
  if (!dashboard) return;
  $('class-name').textContent = dashboard.className;
  for (const pupil of dashboard.pupils) cells(pupils.insertRow(), [pupil.firstName, pupil.lastName, pupil.gender]);
  // A browser without date data for the locale would fall back to its own default (en-US):
  // fall back to en-GB, the product's source locale, instead.
  const dateLocale = Intl.DateTimeFormat.supportedLocalesOf([page.locale]).length > 0 ? page.locale : 'en-GB';
  const time = new Intl.DateTimeFormat(dateLocale, { dateStyle: 'short', timeStyle: 'short' });
  for (const answer of dashboard.recentAnswers) {
    const row = recent.insertRow();
    cells(row, [answer.pupil, answer.question, answer.answer, page.t(answer.correct ? 'teacher.correct' : 'teacher.incorrect'), time.format(new Date(answer.storedAt))]);
    row.cells[1].dir = 'ltr';
    row.dataset.result = answer.correct ? 'correct' : 'incorrect';
  }
  $('no-answers').hidden = dashboard.recentAnswers.length > 0;
}

function renderProfile() {
  $('signed-in').textContent = profile.school && profile.name ? page.t('teacher.signedIn', profile) : '';
}

async function refresh(source = 'all') {
  const jobs = [];
  if (source === 'all' || source === 'class') {
    jobs.push(load('class', '/api/teacher/class').then((value) => {
      if (value) dashboard = value;
      renderDashboard();
    }));
  }
  if (source === 'all' || source === 'school') {
    jobs.push(load('school', '/api/school').then((value) => {
      if (value?.success) profile = { ...profile, school: value.data.name };
      renderProfile();
    }));
  }
  if (source === 'all' || source === 'me') {
    jobs.push(load('me', '/api/me').then((value) => {
      if (value?.ok) profile = { ...profile, name: value.data.name };
      renderProfile();
    }));
  }
  await Promise.all(jobs);
}

async function importCsv(text) {
  importResult = null;
  $('import-result').textContent = '';
  try {
    const response = await page.lms.fetch(page.api('/api/teacher/import'), { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: text }, { idempotent: true });
    const result = await response.json();
    importErrors.clear('import');
    importResult = result;
    $('import-result').textContent = page.t('teacher.imported', { count: result.imported });
    await refresh('class');
  } catch (thrown) {
    const { error, decision } = describeFailure(thrown);
    importErrors.show('import', error, decision, () => importCsv(text));
  }
}

try {
  page = await startPage({
    onLocaleChange: () => {
      renderDashboard();
      renderProfile();
      if (importResult) $('import-result').textContent = page.t('teacher.imported', { count: importResult.imported });
    },
  });
  errors = errorList(page, $('errors'), 'teacher');
  importErrors = errorList(page, $('import-errors'), 'teacher');
  $('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = event.submitter ?? event.target.querySelector('button');
    button.disabled = true;
    try {
      await importCsv($('csv').value);
    } finally {
      button.disabled = false;
    }
  });
  $('csv-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    if (file) $('csv').value = await file.text();
  });
  await refresh();
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  console.error(error);
  $('signed-in').textContent = `Could not start the page: ${error.message}`;
  document.documentElement.dataset.ready = 'error';
}
