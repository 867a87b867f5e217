// A React app with TanStack Query through lms-errors/tanstack-query, as the README shows: the
// QueryClient's retry and retryDelay from lmsQuery(lms), each query function wrapped in
// q.queryFn. One useQuery per scenario, the next mounted when the last has settled; a failed
// query's error is an LmsQueryError whose normalized error the page shows with lms.format().
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { init } from 'lms-errors';
import { lmsQuery } from 'lms-errors/tanstack-query';
import wasmUrl from 'lms-errors/lms_core.wasm';
import { SCENARIOS, scenarioUrl, reportFailure } from './scenarios.js';

const lms = await init({ wasmUrl });
const q = lmsQuery(lms);
const client = new QueryClient({ defaultOptions: { queries: { retry: q.retry, retryDelay: q.retryDelay } } });

function Scenario({ name, onSettled }) {
  const query = useQuery({ queryKey: ['scenario', name], queryFn: q.queryFn(({ signal }) => fetch(scenarioUrl(name), { signal })) });
  useEffect(() => {
    if (query.isSuccess) onSettled(name, { ok: query.data });
    if (query.isError) onSettled(name, reportFailure(lms, query.error));
  }, [query.status]);
  return <li data-scenario={name}>{query.isError ? lms.format(query.error.error) : query.status}</li>;
}

function App() {
  const [results, setResults] = useState({});
  const settled = Object.keys(results).length;
  const onSettled = (name, result) => setResults((previous) => ({ ...previous, [name]: result }));
  return (
    <>
      <ul>{SCENARIOS.slice(0, settled + 1).map((name) => <Scenario key={name} name={name} onSettled={onSettled} />)}</ul>
      <pre id="out">{settled === SCENARIOS.length ? JSON.stringify(results) : 'loading'}</pre>
    </>
  );
}

createRoot(document.getElementById('root')).render(<QueryClientProvider client={client}><App /></QueryClientProvider>);
