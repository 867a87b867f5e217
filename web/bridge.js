// The one place JS talks to the WASM core (bindings/bridge.hpp is the other side): the
// instance's plain C exports and one transfer buffer in its memory. A call writes its text
// arguments into the buffer, passes their byte lengths (and any numbers), and reads the result
// text back from the same buffer; the export's return value says whether to throw it.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const OUTCOME_ERRORS = [null, TypeError, RangeError];

/** Thrown when the core reached abort(): a bug, since every input gets an error instead. */
class CoreAbort extends Error {}

/**
 * Instantiates the compiled core (each call its own instance, so its own catalogue,
 * translations and retry budget) and returns the bridge to it.
 */
export async function connect(compiledModule) {
  const instance = await WebAssembly.instantiate(compiledModule, {
    // Memory growth is noticed on the next call (the views are checked every time).
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: {
      proc_exit(code) {
        throw new CoreAbort(`lms-errors: the WASM core stopped (exit ${code}); please report this with the call that caused it`);
      },
    },
  });
  const core = instance.exports;
  core._initialize(); // static constructors (a reactor module: no main)
  const transfer = core.lms_transfer() >>> 2; // Transfer record: data, capacity, size (u32 each)

  let buffer = null;
  let bytes;
  let words;
  function views() {
    if (core.memory.buffer !== buffer) {
      buffer = core.memory.buffer;
      bytes = new Uint8Array(buffer);
      words = new Uint32Array(buffer);
    }
  }

  // Writes `text` as UTF-8 at `at` (room for text.length * 3 bytes); returns the byte count.
  // Short ASCII text is copied by hand: cheaper than encodeInto's setup for a few bytes.
  function writeText(text, at) {
    const length = text.length;
    if (length <= 32) {
      let k = 0;
      for (; k < length; k++) {
        const unit = text.charCodeAt(k);
        if (unit >= 0x80) break;
        bytes[at + k] = unit;
      }
      if (k === length) return length;
      return k + encoder.encodeInto(text.slice(k), bytes.subarray(at + k, at + length * 3)).written;
    }
    return encoder.encodeInto(text, bytes.subarray(at, at + length * 3)).written;
  }

  // The result of the call that just returned `outcome`: its text, or an error thrown.
  function result(outcome, what) {
    views();
    const at = words[transfer];
    const size = words[transfer + 2];
    let text;
    if (size <= 24) {
      // Short answers ('one', a code, "null") decode faster by hand when they are ASCII.
      text = '';
      for (let k = 0; k < size; k++) {
        const byte = bytes[at + k];
        if (byte >= 0x80) {
          text = decoder.decode(bytes.subarray(at, at + size));
          break;
        }
        text += String.fromCharCode(byte);
      }
    } else {
      text = decoder.decode(bytes.subarray(at, at + size));
    }
    if (outcome === 0) return text;
    const ErrorClass = OUTCOME_ERRORS[outcome] ?? Error;
    throw new ErrorClass(what ? `${what}: ${text}` : text);
  }

  // Room for `size` bytes of arguments: their address (views refreshed).
  function reserve(size) {
    const at = core.lms_reserve(size);
    if (at === 0 && size > 0) throw new RangeError('lms-errors: the arguments are larger than 64 MiB');
    views();
    return at;
  }

  return {
    exports: core,
    reserve,
    writeText,
    result,
    bytes: () => bytes,
    /**
     * Calls export `name` with the byte lengths of `texts` (written back to back), then
     * `numbers`; returns the result text, or throws it (prefixed by `what`) as the export says.
     */
    call(name, texts, numbers = [], what = '') {
      let capacity = 0;
      for (const text of texts) capacity += text.length * 3;
      let at = reserve(capacity);
      const sizes = [];
      for (const text of texts) {
        const size = writeText(text, at);
        sizes.push(size);
        at += size;
      }
      return result(core[name](...sizes, ...numbers), what);
    },
    /** The same for one text argument, allocation-free: the hot calls (translate, format). */
    call1(name, text, a, b, what) {
      const at = reserve(text.length * 3);
      return result(core[name](writeText(text, at), a, b), what);
    },
  };
}
