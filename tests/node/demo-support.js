// What the demo suites share: the demo server (web/demo/server.js) on a loopback port with a data
// folder of its own, and a response read back with lms.parse.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoServer } from '../../web/demo/server.js';

/** Starts a demo server; `options` go to createDemoServer beside the new data folder. */
export async function startDemoServer(prefix, options = {}) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const server = createDemoServer({ dataDir: dir, ...options });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fetch response as lms.parse reads it, the body as bytes. */
export const parsedResponse = async (lms, response) =>
  lms.parse({ status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) });
