// axios through lms-errors/axios, as the README shows: attachLms(instance, lms). A failure is the
// AxiosError carrying the interceptor's .error (normalized) and .decision.
import axios from 'axios';
import { init } from 'lms-errors';
import { attachLms } from 'lms-errors/axios';
import wasmUrl from 'lms-errors/lms_core.wasm';
import { ANSWER, REQUESTS, SCENARIOS, requestHeaders, scenarioUrl, reportFailure } from './scenarios.js';

const out = document.getElementById('out');
try {
  const lms = await init({ wasmUrl });
  const api = axios.create();
  attachLms(api, lms);
  const results = {};
  for (const name of SCENARIOS) {
    const { method } = REQUESTS[name];
    const request = { url: scenarioUrl(name), method, headers: requestHeaders(name), ...(method === 'GET' ? {} : { data: ANSWER }) };
    results[name] = await api.request(request).then((response) => ({ ok: response.data }), (failure) => reportFailure(lms, failure));
  }
  out.textContent = JSON.stringify(results);
} catch (error) {
  out.textContent = JSON.stringify({ failed: String(error?.stack ?? error) });
}
