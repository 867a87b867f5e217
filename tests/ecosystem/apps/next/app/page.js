// A server component (lms-errors' Node entry, rendered per request) beside a client component
// (the browser entry, run in Chromium).
import { init } from 'lms-errors';
import { runChecks } from './checks.js';
import ClientChecks from './client-checks.js';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const result = await runChecks(init).catch((error) => ({ failed: String(error?.stack ?? error) }));
  return (
    <main>
      <pre id="server">{JSON.stringify(result)}</pre>
      <ClientChecks />
    </main>
  );
}
