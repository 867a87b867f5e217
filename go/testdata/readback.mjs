// Reads back every response of the Go test server (go/server_test.go) with the package built
// in dist/: lms.parse gives the same (dialect, code, status, message), and status, headers and
// body are exactly lms.emit()'s. Input on stdin: [{url, dialect, code, params, options, status,
// message}]. Prints "read back N responses", or the mismatches and exits 1.
import { init } from 'lms-errors';

const cases = JSON.parse(await new Response(process.stdin).text());
const lms = await init();
// What a fetch response has beside what the server wrote.
const transport = new Set(['content-length', 'connection', 'keep-alive']);
const problems = [];
for (const c of cases) {
  const label = `${c.dialect} ${c.code}`;
  const response = await fetch(c.url);
  const body = Buffer.from(await response.arrayBuffer());
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !transport.has(name)));
  const emitted = lms.emit(c.dialect, c.code, c.params, c.options);
  if (response.status !== emitted.status) problems.push(`${label}: status ${response.status}, emit ${emitted.status}`);
  if (!body.equals(Buffer.from(emitted.body, 'utf8'))) problems.push(`${label}: body ${body} differs from emit's ${emitted.body}`);
  if (JSON.stringify(headers) !== JSON.stringify(Object.fromEntries(Object.entries(emitted.headers).sort()))) {
    problems.push(`${label}: headers ${JSON.stringify(headers)}, emit ${JSON.stringify(emitted.headers)}`);
  }
  if (Number(response.headers.get('content-length')) !== body.length) problems.push(`${label}: content-length`);
  const parsed = lms.parse({ status: response.status, headers: response.headers, body });
  for (const member of ['dialect', 'code', 'status', 'message']) {
    if (parsed[member] !== c[member]) problems.push(`${label}: parse gave ${member} ${JSON.stringify(parsed[member])}, want ${JSON.stringify(c[member])}`);
  }
  if (parsed.known !== true) problems.push(`${label}: not known`);
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log(`read back ${cases.length} responses`);
