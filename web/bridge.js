// The one place JS talks to the WASM core: the C API of include/lms_errors.h, called on one
// instance (lms_create) of the module. Texts cross as (pointer, byte count) in the instance's
// input buffer, structured data as JSON text (docs/wire-format.md), results come back from
// its result buffer. Each type has one marshal (JS value -> wire) and one unmarshal (wire ->
// JS value) here; no other JS file knows the layout.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// lms_status -> the JS error thrown for it: LMS_INVALID_ARGUMENT, LMS_NOT_FOUND, LMS_TOO_LARGE.
const STATUS_ERRORS = [null, TypeError, RangeError, RangeError];
const LMS_NOT_FOUND = 2;
const AUDIENCES = { pupil: 0, teacher: 1, admin: 2 }; // enum lms_audience
const LMS_FORMAT_WITHOUT_CODE = 0x100;

/** Thrown when the core reached abort(): a bug, since every input gets an error instead. */
class CoreAbort extends Error {}

// ---- marshal: JS values -> JSON text for the core ----------------------------------------

// Lone surrogates become U+FFFD, as TextEncoder makes them: JSON.stringify writes one as
// "\udXXX", which the core's JSON reader refuses.
const wellFormed = typeof ''.toWellFormed === 'function'
  ? (text) => (text.isWellFormed() ? text : text.toWellFormed())
  : (text) => (/[\ud800-\udfff]/.test(text) ? text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') : text);

// JSON has no NaN or Infinity (JSON.stringify would make them null, i.e. "absent"): they cross
// as text, so the core refuses them as the wrong type instead of silently using a default (and
// a translation prints them as String() does, like i18next).
function notFinite(key, value) {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

// Whether JSON.stringify writes `value` as the core should read it without a replacer: no NaN
// or Infinity at any depth (a deep value is left to the replacer). V8 stringifies several times
// faster without a replacer function, and this is the common case.
function plainJson(value, depth) {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth > 8) return false;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) if (!plainJson(value[k], depth + 1)) return false;
    return true;
  }
  for (const key in value) if (!plainJson(value[key], depth + 1)) return false;
  return true;
}

/** Any JSON-shaped value (a policy, a context, resources, an error) as the core reads it. */
export function toJson(value, replace = notFinite) {
  let text;
  if (replace === notFinite) {
    // JSON.stringify writes NaN and Infinity as null: a text with no null had none, and only
    // one with a null needs the walk (a large import report rarely has any).
    text = JSON.stringify(value);
    if (text !== undefined && text.includes('null') && !plainJson(value, 0)) text = JSON.stringify(value, replace);
  } else {
    text = JSON.stringify(value, replace);
  }
  if (text === undefined || !text.includes('\\ud')) return text ?? '';
  return JSON.stringify(value, function wellFormedStrings(key, item) {
    const replaced = replace.call(this, key, item);
    return typeof replaced === 'string' ? wellFormed(replaced) : replaced;
  });
}

/**
 * Interpolation params: i18next treats an own property whose value is undefined as an empty
 * value; JSON would drop it (leaving the placeholder), so it crosses as null, printed as "".
 */
function marshalParams(params) {
  if (params === undefined || params === null) return '';
  // The common case, strings, finite numbers and booleans only, in one pass and one stringify.
  let flat = true;
  for (const key in params) {
    const value = params[key];
    const type = typeof value;
    if (type !== 'string' && type !== 'boolean' && !(type === 'number' && Number.isFinite(value))) {
      flat = false;
      break;
    }
  }
  if (flat) {
    const text = JSON.stringify(params);
    if (!text.includes('\\ud')) return text;
  }
  return toJson(params, function replace(key, value) {
    return value === undefined && this === params ? null : notFinite(key, value);
  });
}

/**
 * Headers of any common form -> [name, value, name, value, ...] strings (names in any case),
 * which the call writes as the wire's [[name, value], ...].
 */
function headerList(headers) {
  const out = [];
  if (headers === undefined || headers === null) return out;
  const add = (name, value) => {
    // Node's IncomingHttpHeaders gives repeated headers as arrays.
    if (value !== undefined && value !== null) out.push(String(name), Array.isArray(value) ? value.join(', ') : String(value));
  };
  if (Array.isArray(headers)) {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('parse(): headers given as an array must hold [name, value] pairs');
      add(pair[0], pair[1]);
    }
  } else if (typeof headers === 'object' && typeof headers.forEach === 'function' && typeof headers.get === 'function') {
    headers.forEach((value, name) => add(name, value)); // a fetch Headers instance (or a Map)
  } else if (typeof headers === 'object') {
    for (const name of Object.keys(headers)) add(name, headers[name]);
  } else {
    throw new TypeError('parse(): headers must be a plain object, a Headers instance or an array of [name, value] pairs');
  }
  return out;
}

// A body as it crosses: the bytes (or the string, encoded on the way), at most one byte more
// than the core reads (`limit`), so it sees a body is too large without megabytes copied.
function marshalBody(body, limit) {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') {
    if (body.length * 3 <= limit) return body;
    // A long text is encoded here, into at most a few bytes more than the limit: WASM memory,
    // which never shrinks, then holds no more than the core reads (not three bytes a unit).
    const bytes = new Uint8Array(Math.min(body.length * 3, limit + 4));
    const { read, written } = encoder.encodeInto(body, bytes);
    return bytes.subarray(0, read < body.length ? limit + 1 : written);
  }
  let bytes;
  if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else if (ArrayBuffer.isView(body)) bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  else throw new TypeError('parse(): body must be a string, Uint8Array, ArrayBuffer, a parsed JSON value (plain object, array, number, boolean), null or undefined');
  return bytes.length > limit + 1 ? bytes.subarray(0, limit + 1) : bytes;
}

// What of an error each call reads, so a whole import report crosses only for details(), and
// details() gets only the code and the lists (its head's nulls would make toJson walk them).
const marshalErrorHead = ({ dialect, code, status, message, params, retryAfterMs, rateLimit, serverCode }) =>
  toJson({ dialect, code, status, message, params, retryAfterMs, rateLimit, serverCode });
const marshalErrorLists = ({ code, fieldErrors, importErrors }) => toJson({ code, fieldErrors, importErrors });

/** A header list (headerList) as the wire's JSON text, for calls that take text. */
function headersJson(list) {
  if (list.length === 0) return '';
  const pairs = [];
  for (let k = 0; k < list.length; k += 2) pairs.push([list[k], list[k + 1]]);
  return toJson(pairs);
}

// ---- JSON written straight into WASM memory: room first ----------------------------------
// The hot calls' small arguments (an error's head, flat params, headers) are written as JSON
// text by the bridge itself, byte by byte, with no intermediate object or string. Each writer
// has a function here that measures its room and says whether the value has the simple form
// it writes (null or -1: it has not, and the call marshals with toJson instead, whose rules
// then apply).

// Bytes a JSON string of `text` takes at most: 6 per UTF-16 unit (\u00XX), and its quotes.
const stringRoom = (text) => text.length * 6 + 2;
// Beyond this much room the byte writers give way to toJson + encodeInto, which reserve
// exactly what the text takes.
const MAX_DIRECT_ROOM = 1 << 20;
const isPlainObject = (value) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * A flat params object (string, finite number and boolean values; undefined too when
 * `undefinedAsNull`, as translate() takes it) as { keys, values, room }, each value read once;
 * null for any other form.
 */
function flatParams(params, undefinedAsNull) {
  if (typeof params !== 'object' || !isPlainObject(params)) return null;
  const keys = Object.keys(params);
  const values = new Array(keys.length);
  let room = 2;
  for (let k = 0; k < keys.length; k++) {
    const value = params[keys[k]];
    const type = typeof value;
    room += stringRoom(keys[k]) + 2;
    if (type === 'string') room += stringRoom(value);
    else if (type === 'number' ? !Number.isFinite(value) : type !== 'boolean' && !(undefinedAsNull && value === undefined)) return null;
    else room += 32; // a number as String() writes it (at most 25 characters), true, false, null
    values[k] = value;
  }
  return { keys, values, room };
}

const textRoom = (text) => (typeof text === 'string' ? stringRoom(text) : text === undefined ? 0 : -1);
const isNumberOrAbsent = (value) => value === undefined || value === null || (typeof value === 'number' && Number.isFinite(value));

/**
 * The members of an error that format() reads, each read once, with the room they take as
 * JSON; null unless the members marshalErrorHead sends have the simple forms the byte writer
 * takes: strings, finite numbers, flat params, no rate limit. (retryAfterMs is checked, so
 * the same errors take each path, but not sent: the line never shows it.)
 */
function errorHead(err) {
  const { dialect, code, status, message, params, retryAfterMs, rateLimit, serverCode } = err;
  const texts = [textRoom(dialect), textRoom(code), textRoom(message), textRoom(serverCode)];
  if (Math.min(texts[0], texts[1], texts[2], texts[3]) < 0 || !isNumberOrAbsent(status) || !isNumberOrAbsent(retryAfterMs) || (rateLimit !== undefined && rateLimit !== null)) return null;
  const flat = params === undefined || params === null ? params : flatParams(params, false);
  if (flat === null && params !== null) return null;
  const room = 200 + texts[0] + texts[1] + texts[2] + texts[3] + (flat ? flat.room : 0); // + names, punctuation, numbers
  return room > MAX_DIRECT_ROOM ? null : { dialect, code, status, message, params: flat, serverCode, room };
}

/** Room for a header list as [[name, value], ...], or -1 when it is better sent as text. */
function headersRoom(list) {
  let room = 2;
  for (let k = 0; k < list.length; k++) room += stringRoom(list[k]) + 2;
  return room <= MAX_DIRECT_ROOM ? room : -1;
}

// ---- unmarshal: the core's JSON text -> JS values ----------------------------------------

const unmarshal = (text) => JSON.parse(text);

/**
 * Instantiates the compiled core and creates one instance in it (its own catalogue,
 * translations and retry budget) and returns the bridge to it. `utf8Reader(arrayBuffer)` may
 * give a faster `(start, end) => string` for WASM memory than TextDecoder (Node: Buffer).
 */
export async function connect(compiledModule, { utf8Reader } = {}) {
  let grown = true; // WASM memory grew (or is new): every view of it must be made again
  let stopped = null; // the CoreAbort, once the core has stopped: the instance is not used again
  const module = await WebAssembly.instantiate(compiledModule, {
    env: {
      emscripten_notify_memory_growth() {
        grown = true;
      },
    },
    wasi_snapshot_preview1: {
      proc_exit(code) {
        stopped = new CoreAbort(`lms-errors: the WASM core stopped (exit ${code}); please report this with the call that caused it; init() a new instance`);
        throw stopped;
      },
    },
  });
  const core = module.exports;
  core._initialize(); // static constructors (a reactor module: no main)
  const instance = core.lms_create();
  if (instance === 0) throw new RangeError('lms-errors: not enough memory for the core');

  let bytes; // WASM memory, rebuilt when it grows (the old view is then detached)
  let readUtf8 = null; // (start, end) in WASM memory -> string, when the platform has one
  function sync() {
    if (!grown) return;
    grown = false;
    bytes = new Uint8Array(core.memory.buffer);
    readUtf8 = utf8Reader ? utf8Reader(core.memory.buffer) : null;
  }

  // Room to reserve for a text argument as UTF-8: at most 3 bytes per UTF-16 unit. A text over
  // a megabyte is encoded first, so a 30 MB text is not refused for 90 MB of room it never needs.
  const roomFor = (arg) => (typeof arg === 'string' ? arg.length * 3 : arg.length);

  // Writes `text` as UTF-8 at `at`; returns the byte count. A few ASCII characters are copied by
  // hand, cheaper than encodeInto's set-up.
  function writeText(text, at) {
    const length = text.length;
    if (length <= 16) {
      const out = bytes; // one read of the closure's variable, not one per byte
      let k = 0;
      for (; k < length; k++) {
        const unit = text.charCodeAt(k);
        if (unit >= 0x80) break;
        out[at + k] = unit;
      }
      if (k === length) return length;
      return k + encoder.encodeInto(text.slice(k), bytes.subarray(at + k)).written;
    }
    return encoder.encodeInto(text, bytes.subarray(at)).written;
  }

  // The result of the call that just returned `status`: its text, or the error it says.
  function result(status, what) {
    if (status === LMS_NOT_FOUND && what === null) return null;
    sync();
    const start = core.lms_result_data(instance);
    const size = core.lms_result_size(instance);
    let text = '';
    if (readUtf8) {
      text = readUtf8(start, start + size);
    } else if (size <= 16) {
      // Short answers ('one', a code) decode faster by hand when they are ASCII.
      for (let k = start; k < start + size; k++) {
        const byte = bytes[k];
        if (byte >= 0x80) {
          text = decoder.decode(bytes.subarray(start, start + size));
          break;
        }
        text += String.fromCharCode(byte);
      }
    } else {
      text = decoder.decode(bytes.subarray(start, start + size));
    }
    if (status === 0) return text;
    const ErrorClass = STATUS_ERRORS[status] ?? Error;
    throw new ErrorClass(what ? `${what}: ${text}` : text);
  }

  // Calls C function `name` on the instance. `args` in the C order: a string or bytes crosses
  // as (pointer, byte count) in the input buffer, null as (0, 0), a number as itself. Returns
  // the result text, or throws its message prefixed by `what` (null: LMS_NOT_FOUND is null).
  const pointers = [];
  function call(name, what, ...args) {
    if (stopped) throw stopped;
    let room = 0;
    for (let k = 0; k < args.length; k++) {
      let arg = args[k];
      if (typeof arg === 'string' && arg.length > 1 << 20) arg = args[k] = encoder.encode(arg);
      if (arg != null && typeof arg !== 'number') room += roomFor(arg);
    }
    let at = 0;
    if (room > 0) {
      at = core.lms_input(instance, room);
      if (at === 0) throw new RangeError(`${what || name}: the arguments are larger than 64 MiB`);
    }
    sync();
    pointers.length = 0;
    pointers.push(instance);
    for (const arg of args) {
      if (typeof arg === 'number') {
        pointers.push(arg);
      } else if (arg == null || arg.length === 0) {
        pointers.push(0, 0);
      } else if (typeof arg === 'string') {
        const size = writeText(arg, at);
        pointers.push(at, size);
        at += size;
      } else {
        bytes.set(arg, at);
        pointers.push(at, arg.length);
        at += arg.length;
      }
    }
    return result(core[name](...pointers), what);
  }

  // ---- the hot calls: fixed arguments, written in place --------------------------------
  // parse, format and translate run for every error shown: each reserves its room once,
  // writes its arguments where the core reads them, and calls its export with no argument
  // array in between.

  let at = 0; // where the next argument goes in the input buffer

  // Reserves `room` bytes of the input buffer for one call's arguments.
  function reserve(room, what) {
    if (stopped) throw stopped;
    at = core.lms_input(instance, room);
    if (at === 0) throw new RangeError(`${what}: the arguments are larger than 64 MiB`);
    sync();
  }

  // Each put writes one argument at `at`, moves `at` past it and returns its byte count (the
  // caller reads `at` first: the argument's pointer).
  function putText(text) {
    const size = text ? writeText(text, at) : 0;
    at += size;
    return size;
  }
  function putBytes(arg) {
    if (arg === null) return 0;
    if (typeof arg === 'string') return putText(arg);
    bytes.set(arg, at);
    at += arg.length;
    return arg.length;
  }
  // The byte writers below take the position to write at and return the one after what they
  // wrote (a local position, not `at`, on the byte loop: V8 keeps it in a register).

  // ASCII only (names, punctuation, numbers as String() writes them).
  function putAscii(text, p) {
    const out = bytes; // one read of the closure's variable, not one per byte
    for (let k = 0; k < text.length; k++) out[p++] = text.charCodeAt(k);
    return p;
  }
  // A JSON string as JSON.stringify writes it, encoded as TextEncoder does (a lone surrogate
  // becomes U+FFFD, as in toJson); control characters as \u00XX.
  function putString(text, p) {
    const out = bytes;
    out[p++] = 0x22;
    for (let k = 0; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      if (unit < 0x80) {
        if (unit === 0x22 || unit === 0x5c) {
          out[p++] = 0x5c;
          out[p++] = unit;
        } else if (unit < 0x20) {
          p = putAscii(`\\u00${unit < 0x10 ? '0' : ''}${unit.toString(16)}`, p);
        } else {
          out[p++] = unit;
        }
      } else if (unit < 0x800) {
        out[p++] = 0xc0 | (unit >> 6);
        out[p++] = 0x80 | (unit & 0x3f);
      } else if (unit < 0xd800 || unit > 0xdfff) {
        out[p++] = 0xe0 | (unit >> 12);
        out[p++] = 0x80 | ((unit >> 6) & 0x3f);
        out[p++] = 0x80 | (unit & 0x3f);
      } else {
        const next = text.charCodeAt(k + 1); // NaN past the end
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
          out[p++] = 0xf0 | (point >> 18);
          out[p++] = 0x80 | ((point >> 12) & 0x3f);
          out[p++] = 0x80 | ((point >> 6) & 0x3f);
          out[p++] = 0x80 | (point & 0x3f);
          k++;
        } else {
          out[p++] = 0xef; // U+FFFD
          out[p++] = 0xbf;
          out[p++] = 0xbd;
        }
      }
    }
    out[p++] = 0x22;
    return p;
  }
  // Flat params (flatParams's record) as a JSON object.
  function putFlat({ keys, values }, p) {
    bytes[p++] = 0x7b; // {
    for (let k = 0; k < keys.length; k++) {
      if (k > 0) bytes[p++] = 0x2c;
      p = putString(keys[k], p);
      bytes[p++] = 0x3a; // :
      const value = values[k];
      p = typeof value === 'string' ? putString(value, p) : putAscii(value === undefined ? 'null' : String(value), p);
    }
    bytes[p++] = 0x7d; // }
    return p;
  }
  // An error's head (errorHead's record), as marshalErrorHead's JSON without what format()
  // does not read; members that are undefined are left out, as JSON.stringify leaves them.
  function putHead({ dialect, code, status, message, params, serverCode }, p) {
    p = putString(code, putAscii('{"code":', p));
    if (dialect !== undefined) p = putString(dialect, putAscii(',"dialect":', p));
    if (status !== undefined) p = putAscii(String(status), putAscii(',"status":', p));
    if (message !== undefined) p = putString(message, putAscii(',"message":', p));
    if (serverCode !== undefined) p = putString(serverCode, putAscii(',"serverCode":', p));
    if (params !== undefined) {
      p = putAscii(',"params":', p);
      p = params === null ? putAscii('null', p) : putFlat(params, p);
    }
    bytes[p++] = 0x7d;
    return p;
  }
  // A header list as [[name, value], ...] (nothing when empty: no headers).
  function putHeaders(list, p) {
    if (list.length === 0) return p;
    bytes[p++] = 0x5b;
    for (let k = 0; k < list.length; k += 2) {
      if (k > 0) bytes[p++] = 0x2c;
      bytes[p++] = 0x5b;
      p = putString(list[k], p);
      bytes[p++] = 0x2c;
      p = putString(list[k + 1], p);
      bytes[p++] = 0x5d;
    }
    bytes[p++] = 0x5d;
    return p;
  }
  // Writes a JSON argument with `writer` at `at`, moves `at` past it and returns its byte count.
  function putJson(writer, value) {
    const start = at;
    at = writer(value, at);
    return at - start;
  }

  const limit = core.lms_max_body_bytes();
  const policyText = (policy) => (policy === undefined ? '' : toJson(policy));

  function parse(status, headerSource, body, now) {
    const list = headerList(headerSource);
    const bodyArg = marshalBody(body, limit);
    const listRoom = headersRoom(list);
    if (listRoom < 0) return unmarshal(call('lms_parse', 'parse()', status, headersJson(list), bodyArg, now));
    reserve(listRoom + (bodyArg === null ? 0 : roomFor(bodyArg)), 'parse()');
    const headersAt = at;
    const headersSize = putJson(putHeaders, list);
    const bodyAt = at;
    const bodySize = putBytes(bodyArg);
    return unmarshal(result(core.lms_parse(instance, status, headersAt, headersSize, bodyAt, bodySize, now), 'parse()'));
  }

  function format(err, locale, audience, withCode) {
    const flags = AUDIENCES[audience] | (withCode ? 0 : LMS_FORMAT_WITHOUT_CODE);
    const head = errorHead(err);
    if (head === null || locale.length > MAX_DIRECT_ROOM) return call('lms_format', 'format', marshalErrorHead(err), locale, flags);
    reserve(head.room + locale.length * 3, 'format');
    const errorAt = at;
    const errorSize = putJson(putHead, head);
    const localeAt = at;
    const localeSize = putText(locale);
    return result(core.lms_format(instance, errorAt, errorSize, localeAt, localeSize, flags), 'format');
  }

  function translate(key, params, locale, ns, context) {
    const flat = params === undefined || params === null ? undefined : flatParams(params, true);
    const room = (key.length + locale.length + ns.length + context.length) * 3 + (flat ? flat.room : 0);
    if (flat === null || room > MAX_DIRECT_ROOM) return call('lms_translate', 'translate()', key, marshalParams(params), locale, ns, context);
    reserve(room, 'translate()');
    const keyAt = at;
    const keySize = putText(key);
    const paramsAt = at;
    const paramsSize = flat ? putJson(putFlat, flat) : 0;
    const localeAt = at;
    const localeSize = putText(locale);
    const nsAt = at;
    const nsSize = putText(ns);
    const contextAt = at;
    const contextSize = putText(context);
    return result(core.lms_translate(instance, keyAt, keySize, paramsAt, paramsSize, localeAt, localeSize, nsAt, nsSize, contextAt, contextSize), 'translate()');
  }

  return {
    exports: core,
    /** Any call by its C name (tools.js); the typed ones below are the API's. */
    call,
    /**
     * The instance's raw parts, for web/bridge-tools.js (the part of this bridge that only the
     * tools build needs, split off so that pages do not download it): the instance, WASM memory
     * as bytes (made again after growth; throws once the core has stopped), text and flat
     * params into it (after memory()) and text out of it, and the error of a failed call.
     */
    raw: {
      instance,
      memory() {
        if (stopped) throw stopped;
        sync();
        return bytes;
      },
      write: writeText,
      /** Flat params (flatParams's form) for putFlat, or null for any other form (sent as JSON text). */
      flatParams: (params) => {
        const flat = flatParams(params, false);
        return flat !== null && flat.room <= MAX_DIRECT_ROOM ? flat : null;
      },
      /** Writes flat params as JSON at `p` (after memory()); the position after them. */
      putFlat,
      text: (start, end) => (readUtf8 ? readUtf8(start, end) : decoder.decode(bytes.subarray(start, end))),
      fail: result,
    },

    /** The catalogue entry (a JSON object), or null. */
    lookup: (code, dialect) => {
      const text = call('lms_lookup', null, code, dialect);
      return text === null ? null : unmarshal(text);
    },
    entries: (dialect) => unmarshal(call('lms_entries', '', dialect)),
    /** The catalogue in force's revision ('' when its document has none). */
    catalogueRevision: () => call('lms_catalogue_revision', ''),
    /** '' when the catalogue is now in force, else the validator's problems. */
    loadCatalogue(text) {
      try {
        return call('lms_load_catalogue', '', text);
      } catch (error) {
        if (error instanceof TypeError) return error.message;
        if (error instanceof RangeError) return `invalid catalogue: ${error.message}`; // too large to hand over
        throw error;
      }
    },

    /** `body`: a string, bytes or null; `now`: epoch ms. The normalized error. */
    parse,
    networkError: (kind) => unmarshal(call('lms_network_error', 'networkError()', kind)),

    setRetryPolicy: (policy) => call('lms_set_retry_policy', 'init({ retry })', toJson(policy)),
    /** { retry, delayMs, action, reason, cost } */
    decide: (err, ctx, policy) =>
      unmarshal(call('lms_decide', 'decide()', marshalErrorHead(err), toJson(ctx), policyText(policy))),
    /** A failed attempt in one call: { error, decision } (decision with its cost). */
    parseAndDecide: (status, headers, body, now, ctx, policy) =>
      unmarshal(call('lms_parse_and_decide', 'fetch()', status, headersJson(headerList(headers)), marshalBody(body, limit), now, toJson(ctx), policyText(policy))),
    networkErrorAndDecide: (kind, ctx, policy) =>
      unmarshal(call('lms_network_error_and_decide', 'fetch()', kind, toJson(ctx), policyText(policy))),
    retrySucceeded: (policy, spent, now) => call('lms_retry_succeeded', 'fetch()', policyText(policy), spent, now),

    /** `resources`: an object, or the JSON text of a locale file. */
    addResources: (locale, ns, resources, what) =>
      call('lms_add_resources', what, locale, ns, typeof resources === 'string' ? resources : toJson(resources)),
    /** A locale file of the package (its tests check them): merged when translations are first read. */
    addPackageResources: (locale, ns, resources) =>
      call('lms_add_resources_deferred', '', locale, ns, typeof resources === 'string' ? resources : toJson(resources)),
    translate,
    format: (err, locale, audience, withCode = true) => format(err, locale, audience, withCode),
    details: (err, locale) => unmarshal(call('lms_details', 'details', marshalErrorLists(err), locale)),
    pluralCategory: (locale, n) => call('lms_plural_category', 'pluralCategory()', locale, n),
    pluralCategoryOfDecimal: (locale, decimal) => call('lms_plural_category_of_decimal', 'pluralCategory()', locale, decimal),
  };
}
