// lms.normalize(e): whatever an HTTP client threw or returned -> one normalized error, through
// parse() and networkError(). Only recognising the clients' shapes happens here (that is
// JavaScript's business); every rule about the envelope is the core's.

const isObject = (value) => value !== null && typeof value === 'object';
const isResponse = (value) => typeof Response !== 'undefined' && value instanceof Response;
const isBlob = (value) => typeof Blob !== 'undefined' && value instanceof Blob;

// An error lms already normalized (LmsError, LmsQueryError, the adapters' errors carry it as .error).
const isNormalized = (value) =>
  isObject(value) && typeof value.dialect === 'string' && typeof value.code === 'string' && Number.isInteger(value.status);

// axios: no response means the request never got one; its codes say why.
function axiosNetworkKind(code) {
  if (code === 'ERR_CANCELED') return 'aborted';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return 'timeout';
  return 'offline';
}

// What an axios response's data can be: parsed JSON (parse() takes it as it is), text, bytes,
// or in browsers a Blob. A stream (responseType 'stream') is left unread: its status still counts.
async function axiosBody(data) {
  if (isBlob(data)) return new Uint8Array(await data.arrayBuffer());
  if (isObject(data) && typeof data.pipe === 'function') return null;
  return data;
}

export function normalizeApi(lms) {
  // The body is read from a clone, so the caller can still read the response; one already read
  // (bodyUsed) still gives its status and headers.
  async function fromResponse(response) {
    let body = null;
    if (!response.bodyUsed) {
      try {
        body = new Uint8Array(await response.clone().arrayBuffer());
      } catch {
        body = null; // the connection dropped mid-body: the status arrived, keep it
      }
    }
    return lms.parse({ status: response.status, headers: response.headers, body });
  }

  return {
    /**
     * A failure from any HTTP client -> a normalized error: a non-ok Response, ky's HTTPError,
     * an AxiosError, fetch's TypeError (offline), an AbortError (aborted), a TimeoutError
     * (timeout), or an error lms already normalized. Resolves to null for anything else (a bug
     * in the caller's code is not a request failure and must not be retried).
     */
    async normalize(failure) {
      if (isResponse(failure)) return failure.ok ? null : fromResponse(failure);
      if (!isObject(failure)) return null;
      if (isNormalized(failure)) return failure;
      if (isNormalized(failure.error)) return failure.error;
      if (failure.isAxiosError === true) {
        const { response } = failure;
        if (!isObject(response) || !Number.isInteger(response.status)) return lms.networkError(axiosNetworkKind(failure.code));
        return lms.parse({ status: response.status, headers: response.headers, body: await axiosBody(response.data) });
      }
      if (failure.name === 'HTTPError' && isResponse(failure.response)) {
        // ky 2 reads the body into .data (parsed JSON, or text) before it throws, using the response up.
        const { response } = failure;
        if (response.bodyUsed && 'data' in failure) return lms.parse({ status: response.status, headers: response.headers, body: failure.data ?? null });
        return fromResponse(response); // ky 1
      }
      if (failure.name === 'NetworkError') return lms.networkError('offline'); // ky 2 wraps fetch's TypeError in it
      if (failure.name === 'AbortError') return lms.networkError('aborted');
      if (failure.name === 'TimeoutError') return lms.networkError('timeout'); // AbortSignal.timeout(), ky
      if (failure instanceof TypeError) return lms.networkError('offline'); // what fetch rejects with, as lms.fetch reads it
      return null;
    },
  };
}
