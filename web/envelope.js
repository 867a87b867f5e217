// Envelope parsing and emission (issue 3). The rules live in C++ (wasm/src/envelope.cpp,
// wasm/src/emit.cpp); this file only converts arguments. Bodies go into WASM memory as bytes
// in one copy — never decoded to a JS string first — and the result comes back as JSON text
// read straight out of WASM memory (web/bridge.js).

const NETWORK_KINDS = Object.freeze(['offline', 'timeout', 'aborted']);
const encoder = new TextEncoder();

/**
 * Headers of any common form -> "name\0value\0..." (names in any case), the core's input form:
 * cheaper to build and to read than JSON. HTTP header names and values cannot hold a NUL; one
 * in a hand-made object becomes a space.
 */
function headerBlock(headers) {
  if (headers === undefined || headers === null) return '';
  let block = '';
  const clean = (text) => (text.includes('\0') ? text.replaceAll('\0', ' ') : text);
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    // Node's IncomingHttpHeaders gives repeated headers as arrays.
    block += `${clean(String(name))}\0${clean(Array.isArray(value) ? value.join(', ') : String(value))}\0`;
  };
  if (Array.isArray(headers)) {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError('parse(): headers given as an array must hold [name, value] pairs');
      }
      add(pair[0], pair[1]);
    }
  } else if (typeof headers === 'object' && typeof headers.forEach === 'function' && typeof headers.get === 'function') {
    headers.forEach((value, name) => add(name, value)); // a fetch Headers instance (or a Map)
  } else if (typeof headers === 'object') {
    for (const name of Object.keys(headers)) add(name, headers[name]);
  } else {
    throw new TypeError('parse(): headers must be a plain object, a Headers instance or an array of [name, value] pairs');
  }
  return block;
}

function bytesOf(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('parse(): body must be a string, Uint8Array, ArrayBuffer, a parsed JSON value (plain object, array, number, boolean), null or undefined');
}

// A body some client already parsed (axios hands over response.data as an object or array):
// serialised once, then read by the same core reader as text and bytes are.
function parsedBodyAsText(body) {
  const plain = body !== null && typeof body === 'object' && (Array.isArray(body) || [Object.prototype, null].includes(Object.getPrototypeOf(body)));
  if (!plain && typeof body !== 'number' && typeof body !== 'boolean') return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch (cause) {
    throw new TypeError(`parse(): body is an object that is not JSON (${cause.message})`, { cause });
  }
}

// parse()'s answer from the core: the error's members as a JSON array in this order
// (lms::parse_to_json_array), absent optional ones null — JSON.parse reads it ~35% faster
// than the keyed object, and parse() runs on every failed request.
function errorFromMembers(members) {
  const err = {
    dialect: members[0],
    code: members[1],
    status: members[2],
    message: members[3],
    known: members[4],
    params: members[5],
    fieldErrors: members[6],
    importErrors: members[7],
    retryAfterMs: members[8],
    rateLimit: members[9],
  };
  if (members[10] !== null) err.path = members[10];
  if (members[11] !== null) err.timestamp = members[11];
  if (members[12] !== null) err.requestId = members[12];
  if (members[13] !== null) err.serverCode = members[13];
  return err;
}

export function envelopeApi(core) {
  // Beyond the core's limit the body is not parsed at all: hand over one byte more than the
  // limit so the core sees it is too large, without copying megabytes it would ignore.
  const limit = core.exports.lms_max_body_bytes();

  /**
   * Writes the body, then the header block, into the transfer buffer: [body size, headers
   * size]. Bytes are copied as they are; a string is encoded straight into WASM memory.
   */
  function writeInput(body, headerText) {
    let bytes = null;
    let text = '';
    if (typeof body === 'string') {
      text = body.length > limit ? body.slice(0, limit + 1) : body;
    } else if (body !== undefined && body !== null) {
      bytes = bytesOf(body);
      if (bytes.length > limit + 1) bytes = bytes.subarray(0, limit + 1);
    }
    // UTF-8 needs at most 3 bytes per UTF-16 unit; for large strings try a tight buffer first
    // (mostly ASCII), so WASM memory — which never shrinks — does not grow threefold.
    const headersCapacity = headerText.length * 3;
    let bodyCapacity = bytes ? bytes.length : text.length <= 4096 ? text.length * 3 : text.length + 64;
    for (;;) {
      core.reserve(bodyCapacity + headersCapacity);
      const view = core.view();
      let bodySize;
      if (bytes) {
        view.set(bytes);
        bodySize = bytes.length;
      } else if (text.length <= 4096) {
        bodySize = core.writeText(text, 0); // room for 3 bytes per unit was reserved
      } else {
        const { read, written } = encoder.encodeInto(text, view.subarray(0, bodyCapacity));
        if (read < text.length && bodyCapacity <= limit) {
          // Room up to just past the limit: a text that needs more is over it (not parsed),
          // and WASM memory, which never shrinks, does not grow to three times the limit.
          bodyCapacity = Math.min(text.length * 3, limit + 4);
          continue;
        }
        bodySize = read < text.length ? limit + 1 : written;
      }
      return [bodySize, core.writeText(headerText, bodySize)];
    }
  }

  return {
    /**
     * Any HTTP error response -> one normalized error. Never throws for what the server sent
     * (empty, truncated, huge, binary bodies all become an error); throws TypeError only for
     * arguments of the wrong type.
     */
    parse(response) {
      if (response === null || typeof response !== 'object') {
        throw new TypeError('parse({ status, headers, body, now }): expected an object');
      }
      const { status, headers, body } = response;
      if (!Number.isInteger(status) || status < 0 || status > 999) {
        throw new TypeError(`parse(): status must be an integer HTTP status, got ${JSON.stringify(status)}`);
      }
      const now = response.now === undefined ? Date.now() : response.now instanceof Date ? response.now.getTime() : response.now;
      if (typeof now !== 'number' || !Number.isFinite(now)) {
        throw new TypeError('parse(): now must be epoch milliseconds or a valid Date');
      }
      const [bodySize, headersSize] = writeInput(parsedBodyAsText(body), headerBlock(headers));
      return errorFromMembers(JSON.parse(core.result(core.exports.lms_parse(bodySize, headersSize, status, now))));
    },

    /** A request with no HTTP response: 'offline' | 'timeout' | 'aborted'. */
    networkError(kind) {
      if (!NETWORK_KINDS.includes(kind)) {
        throw new TypeError(`networkError(kind): kind must be one of ${NETWORK_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
      }
      return JSON.parse(core.call('lms_network_error', [kind]));
    },
  };
}
