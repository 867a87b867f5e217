// Envelope parsing (issue 3). The rules live in C++ (wasm/src/envelope.cpp); this file only
// checks arguments. Bodies go into WASM memory as bytes in one copy — never decoded to a JS
// string first — through web/bridge.js, which also converts the headers and the result.

const NETWORK_KINDS = Object.freeze(['offline', 'timeout', 'aborted']);

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

export function envelopeApi(core) {
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
      return core.parse(status, headers, parsedBodyAsText(body), now);
    },

    /** A request with no HTTP response: 'offline' | 'timeout' | 'aborted'. */
    networkError(kind) {
      if (!NETWORK_KINDS.includes(kind)) {
        throw new TypeError(`networkError(kind): kind must be one of ${NETWORK_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
      }
      return core.networkError(kind);
    },
  };
}
