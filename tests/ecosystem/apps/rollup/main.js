import { init } from 'lms-errors';
import { runChecks } from './checks.js';

// Rollup leaves new URL(…, import.meta.url) alone: the .wasm is copied beside the bundle (README).
const wasmUrl = new URL('./lms_core.wasm', import.meta.url);
const out = document.getElementById('out');
runChecks(init, { wasmUrl }).then(
  (result) => { out.textContent = JSON.stringify(result); },
  (error) => { out.textContent = JSON.stringify({ failed: String(error?.stack ?? error) }); },
);
