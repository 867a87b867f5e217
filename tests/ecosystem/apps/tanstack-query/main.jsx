// A React app with TanStack Query through lms-errors/tanstack-query, as the README shows: the
// QueryClient's retry and retryDelay from lmsQuery(lms), each query function wrapped in
// q.queryFn (q.mutationFn for a POST, with its idempotency key). One useQuery or useMutation per
// scenario, the next mounted when the last has settled; a failed one's error is an LmsQueryError
// whose normalized error the page shows with lms.format().
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { init } from 'lms-errors';
import { lmsQuery } from 'lms-errors/tanstack-query';
import wasmUrl from 'lms-errors/lms_core.wasm';
import { ANSWER, REQUESTS, SCENARIOS, requestHeaders, scenarioUrl, reportFailure } from './scenarios.js';

const lms = await init({ wasmUrl });
const q = lmsQuery(lms);
const client = new QueryClient({ defaultOptions: {
  queries: { retry: q.retry, retryDelay: q.retryDelay },
  mutations: { retry: q.retry, retryDelay: q.retryDelay },
} });

function Scenario({ name, onSettled }) {
  const query = useQuery({ queryKey: ['scenario', name], queryFn: q.queryFn(({ signal }) => fetch(scenarioUrl(name), { signal })) });
  return <Settled name={name} state={query} onSettled={onSettled} />;
}

function Mutation({ name, onSettled }) {
  const { method, idempotencyKey } = REQUESTS[name];
  const send = (answer) => fetch(scenarioUrl(name), { method, headers: requestHeaders(name), body: JSON.stringify(answer) });
  const mutation = useMutation({ mutationFn: q.mutationFn(send, { method, idempotencyKey: () => idempotencyKey }) });
  useEffect(() => mutation.mutate(ANSWER), []);
  return <Settled name={name} state={mutation} onSettled={onSettled} />;
}

/** A query's or mutation's outcome, reported once it has settled and shown as the app would. */
function Settled({ name, state, onSettled }) {
  useEffect(() => {
    if (state.isSuccess) onSettled(name, { ok: state.data });
    if (state.isError) onSettled(name, reportFailure(lms, state.error));
  }, [state.status]);
  return <li data-scenario={name}>{state.isError ? lms.format(state.error.error) : state.status}</li>;
}

function App() {
  const [results, setResults] = useState({});
  const settled = Object.keys(results).length;
  const onSettled = (name, result) => setResults((previous) => ({ ...previous, [name]: result }));
  return (
    <>
      <ul>{SCENARIOS.slice(0, settled + 1).map((name) => REQUESTS[name].method === 'GET'
        ? <Scenario key={name} name={name} onSettled={onSettled} />
        : <Mutation key={name} name={name} onSettled={onSettled} />)}</ul>
      <pre id="out">{settled === SCENARIOS.length ? JSON.stringify(results) : 'loading'}</pre>
    </>
  );
}

createRoot(document.getElementById('root')).render(<QueryClientProvider client={client}><App /></QueryClientProvider>);
