import { init } from 'lms-errors';
import { runChecks } from './checks.js';

const out = document.getElementById('out');
runChecks(init).then(
  (result) => { out.textContent = JSON.stringify(result); },
  (error) => { out.textContent = JSON.stringify({ failed: String(error?.stack ?? error) }); },
);
