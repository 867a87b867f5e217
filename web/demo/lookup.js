// The package's browser entry as it ships (the bundle scripts/bundle-web.mjs builds from web/).
import { init, DIALECTS } from '../../dist/lms-errors.js';

const status = document.getElementById('status');
const result = document.getElementById('result');
const form = document.getElementById('lookup-form');
const dialectSelect = document.getElementById('dialect');

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = String(text); // never innerHTML: messages are data
  return td;
}

function showLookup(lms) {
  const code = form.code.value.trim();
  const entry = lms.lookup(code, dialectSelect.value || undefined);
  result.replaceChildren();
  const line = document.createElement('p');
  line.className = entry ? 'found' : 'missing';
  line.dataset.code = code;
  line.textContent = entry
    ? `${entry.code} → ${entry.status} ${entry.message}`
    : `${code} is not in the catalogue`;
  result.append(line);
  if (entry) {
    const detail = document.createElement('p');
    detail.className = 'detail';
    detail.textContent = `${entry.dialect} · ${entry.cause} · retry: ${entry.retry} · action: ${entry.action}`;
    result.append(detail);
  }
}

try {
  const lms = await init();
  for (const dialect of DIALECTS) dialectSelect.add(new Option(dialect, dialect));
  const entries = lms.entries();
  const table = document.getElementById('entries');
  table.caption.textContent = `${entries.length} errors in ${new Set(entries.map((e) => e.dialect)).size} conventions`;
  const body = table.tBodies[0];
  for (const entry of entries) {
    const row = body.insertRow();
    for (const value of [entry.dialect, entry.code, entry.status, entry.message, entry.retry, entry.action]) cell(row, value);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showLookup(lms);
  });
  showLookup(lms);
  status.textContent = 'WebAssembly core loaded.';
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Could not load the error catalogue: ${error.message}`;
  document.documentElement.dataset.ready = 'error';
}
