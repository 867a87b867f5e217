import { init } from 'lms-errors';
// esbuild leaves new URL(…, import.meta.url) alone: its file loader gives the .wasm a URL (README).
import wasmUrl from 'lms-errors/lms_core.wasm';
import { runChecks } from './checks.js';

const out = document.getElementById('out');
runChecks(init, { wasmUrl }).then(
  (result) => { out.textContent = JSON.stringify(result); },
  (error) => { out.textContent = JSON.stringify({ failed: String(error?.stack ?? error) }); },
);
