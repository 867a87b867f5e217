// ky through lms-errors/ky, as the README shows: ky.create({ ...lmsKy(lms) }). A failure is ky's
// HTTPError carrying the adapter's .error (normalized) and .decision.
import ky from 'ky';
import { init } from 'lms-errors';
import { lmsKy } from 'lms-errors/ky';
import wasmUrl from 'lms-errors/lms_core.wasm';
import { ANSWER, REQUESTS, SCENARIOS, requestHeaders, scenarioUrl, reportFailure } from './scenarios.js';

const out = document.getElementById('out');
try {
  const lms = await init({ wasmUrl });
  const api = ky.create({ ...lmsKy(lms) });
  const results = {};
  for (const name of SCENARIOS) {
    const { method } = REQUESTS[name];
    const options = { method, headers: requestHeaders(name), ...(method === 'GET' ? {} : { json: ANSWER }) };
    results[name] = await api(scenarioUrl(name), options).json().then((body) => ({ ok: body }), (failure) => reportFailure(lms, failure));
  }
  out.textContent = JSON.stringify(results);
} catch (error) {
  out.textContent = JSON.stringify({ failed: String(error?.stack ?? error) });
}
