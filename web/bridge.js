// The one place JS talks to the WASM core (bindings/bridge.hpp is the other side): the
// instance's plain C exports and one transfer buffer in its memory. A call writes its text
// arguments into the buffer, passes their byte lengths (and any numbers), and reads the result
// text back from the same buffer; the export's return value says whether to throw it.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const OUTCOME_ERRORS = [null, TypeError, RangeError];

// Room to reserve for `text` as UTF-8: at most 3 bytes per UTF-16 unit, or, for a text over a
// megabyte, its exact size (so a 30 MB text is not refused for 90 MB of room it never needs).
function roomFor(text) {
  return text.length > 1 << 20 ? encoder.encode(text).length : text.length * 3;
}

/** Thrown when the core reached abort(): a bug, since every input gets an error instead. */
class CoreAbort extends Error {}

/**
 * Instantiates the compiled core (each call its own instance, so its own catalogue,
 * translations and retry budget) and returns the bridge to it. `utf8Reader(arrayBuffer)` may
 * give a faster `(start, end) => string` for WASM memory than TextDecoder (Node: Buffer).
 */
export async function connect(compiledModule, { utf8Reader } = {}) {
  let grown = true; // WASM memory grew (or is new): every view of it must be made again
  let stopped = null; // the CoreAbort, once the core has stopped: the instance is not used again
  const instance = await WebAssembly.instantiate(compiledModule, {
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
  const core = instance.exports;
  core._initialize(); // static constructors (a reactor module: no main)
  const transfer = core.lms_transfer() >>> 2; // Transfer record: data, capacity, size (u32 each)

  // Views of WASM memory, rebuilt when it grows (the old ones are then detached), and of the
  // transfer buffer, rebuilt when the core moves it (it grows for a large argument or result).
  let buffer = null;
  let words;
  let data = -1;
  let capacity = 0;
  let view; // the transfer buffer: arguments are written, results read, at offsets into it
  let readUtf8 = null; // (start, end) in WASM memory -> string, when the platform has one
  function sync() {
    if (grown) {
      grown = false;
      buffer = core.memory.buffer;
      words = new Uint32Array(buffer);
      readUtf8 = utf8Reader ? utf8Reader(buffer) : null;
      data = -1;
    }
    if (words[transfer] !== data || words[transfer + 1] !== capacity) {
      data = words[transfer];
      capacity = words[transfer + 1];
      view = new Uint8Array(buffer, data, capacity);
    }
  }

  // Room for `size` bytes of arguments. Asks the core only when the buffer is too small, or
  // when an earlier large call left it large (the core then gives the memory back).
  function reserve(size) {
    if (stopped) throw stopped;
    sync();
    if (size > capacity || capacity > 1 << 20) {
      if (core.lms_reserve(size) === 0 && size > 0) throw new RangeError('lms-errors: the arguments are larger than 64 MiB');
      sync();
    }
  }

  // Writes `text` as UTF-8 at `offset` in the transfer buffer (room reserved with roomFor);
  // returns the byte count. A few ASCII characters are copied by hand, which is
  // cheaper than encodeInto's set-up; a subarray is made only for a text not at the start.
  function writeText(text, offset) {
    const length = text.length;
    if (length <= 16) {
      let k = 0;
      for (; k < length; k++) {
        const unit = text.charCodeAt(k);
        if (unit >= 0x80) break;
        view[offset + k] = unit;
      }
      if (k === length) return length;
      return k + encoder.encodeInto(text.slice(k), view.subarray(offset + k)).written;
    }
    return encoder.encodeInto(text, offset === 0 ? view : view.subarray(offset)).written;
  }

  // The result of the call that just returned `outcome`: its text, or an error thrown.
  function result(outcome, what) {
    sync();
    const size = words[transfer + 2];
    let text = '';
    if (readUtf8) {
      text = readUtf8(data, data + size);
    } else if (size <= 16) {
      // Short answers ('one', a code, "null") decode faster by hand when they are ASCII.
      for (let k = 0; k < size; k++) {
        const byte = view[k];
        if (byte >= 0x80) {
          text = decoder.decode(view.subarray(0, size));
          break;
        }
        text += String.fromCharCode(byte);
      }
    } else {
      text = decoder.decode(view.subarray(0, size));
    }
    if (outcome === 0) return text;
    const ErrorClass = OUTCOME_ERRORS[outcome] ?? Error;
    throw new ErrorClass(what ? `${what}: ${text}` : text);
  }

  return {
    exports: core,
    reserve,
    writeText,
    result,
    /** The transfer buffer (valid until the next call into the core). */
    view: () => view,
    /**
     * Calls export `name` with the byte lengths of `texts` (written back to back), then
     * `numbers`; returns the result text, or throws it (prefixed by `what`) as the export says.
     */
    call(name, texts, numbers = [], what = '') {
      let room = 0;
      for (const text of texts) room += roomFor(text);
      reserve(room);
      const sizes = [];
      let offset = 0;
      for (const text of texts) {
        const size = writeText(text, offset);
        sizes.push(size);
        offset += size;
      }
      return result(core[name](...sizes, ...numbers), what);
    },
    /** The same for one text argument, allocation-free: the hot calls (translate, format). */
    call1(name, text, a, b, what) {
      reserve(roomFor(text));
      return result(core[name](writeText(text, 0), a, b), what);
    },
  };
}
