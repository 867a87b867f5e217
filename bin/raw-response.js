// A whole HTTP response as `curl -i` prints it -> { status, headers, body }, or null when the
// bytes do not start with a status line (then they are a body alone).
//   HTTP/1.1 404 Not Found\r\n  |  HTTP/2 404\n
//   Name: value\r\n …
//   \r\n
//   body bytes (kept as bytes: never decoded here)
// Interim and intermediate responses come first and are skipped: 1xx (100 Continue, 103 Early
// Hints), a proxy's "200 Connection established", and each redirect that -L followed.

const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})(?: [^\r\n]*)?\r?$/;
const MAX_HEAD_BYTES = 1 << 20; // a head larger than this is not a response curl printed

// The end of the line starting at `start` (the index of its \n, or -1) in `bytes`.
function lineEnd(bytes, start) {
  return bytes.indexOf(0x0a, start);
}

function readHead(bytes, start) {
  const firstEnd = lineEnd(bytes, start);
  if (firstEnd < 0) return null;
  const match = STATUS_LINE.exec(bytes.toString('latin1', start, firstEnd));
  if (!match) return null;
  const headers = [];
  let at = firstEnd + 1;
  for (;;) {
    const end = lineEnd(bytes, at);
    if (end < 0 || end - start > MAX_HEAD_BYTES) return null; // no blank line: not a whole head
    const line = bytes.toString('latin1', at, end).replace(/\r$/, '');
    at = end + 1;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(match[1]), headers, bodyStart: at };
}

/** `bytes`: a Buffer. Header values are read as Latin-1, as HTTP defines them. */
export function readRawResponse(bytes) {
  let head = readHead(bytes, 0);
  if (!head) return null;
  for (;;) {
    const next = readHead(bytes, head.bodyStart);
    // Another complete head right after this one: this one was interim (1xx), a proxy's
    // tunnel, or a redirect curl followed.
    if (!next) break;
    head = next;
  }
  return { status: head.status, headers: head.headers, body: bytes.subarray(head.bodyStart) };
}
