// The part of the bridge (web/bridge.js) that only the tools build needs: the call of lms_emit
// and its two-part result (include/lms_errors_tools.h, docs/wire-format.md). A module of its own
// so that pages, whose build has no lms_emit, do not download it: only web/tools.js imports it.
//
// Written out rather than through bridge.js's call(): a server emits once per error response,
// and call()'s spread and per-argument loop cost more than the crossing (bench/RESULTS.md "Emit").

const encoder = new TextEncoder();

// Room to reserve for an argument as UTF-8: at most 3 bytes per UTF-16 unit.
const roomFor = (arg) => (typeof arg === 'string' ? arg.length * 3 : arg.length);
// A text over a megabyte is encoded first, so it is not refused for room it never needs.
const sized = (text) => (text.length > 1 << 20 ? encoder.encode(text) : text);

/**
 * emit() over a connected bridge: `emit(dialect, code, params, path, optionsJson, now)` with
 * `params` an object or null, `path` the nestjs path ('' for none: then optionsJson's), the
 * options' JSON text '' when there are none and `now` in epoch ms; returns
 * { status, headers, body } (the body as text) or throws the core's error.
 */
export function emitter({ exports: core, raw }) {
  const { instance } = raw;
  // Heads repeat (the same content type and catalogue revision), so the last one's JSON.parse
  // is kept, keyed by its exact text; each call still gets its own headers object.
  let lastHeadText = '';
  let lastHead = null;

  return function emit(dialect, code, params, path, optionsJson, now) {
    // Flat params (strings, numbers, booleans: the common case) are written as JSON straight
    // into WASM memory by the bridge's byte writer; any other form crosses as JSON.stringify's.
    const flat = params === null || params === undefined ? null : raw.flatParams(params);
    const paramsJson = flat !== null || params === null || params === undefined ? '' : sized(JSON.stringify(params));
    path = sized(path);
    optionsJson = sized(optionsJson);
    const room = roomFor(dialect) + roomFor(code) + (flat === null ? roomFor(paramsJson) : flat.room) + roomFor(path) + roomFor(optionsJson);
    const start = core.lms_input(instance, room);
    if (start === 0) throw new RangeError('emit(): the arguments are larger than 64 MiB');
    const bytes = raw.memory();
    const write = (arg, at) => {
      if (typeof arg === 'string') return raw.write(arg, at);
      bytes.set(arg, at);
      return arg.length;
    };
    const dialectSize = write(dialect, start);
    const codeAt = start + dialectSize;
    const codeSize = write(code, codeAt);
    const paramsAt = codeAt + codeSize;
    const paramsSize = flat === null ? write(paramsJson, paramsAt) : raw.putFlat(flat, paramsAt) - paramsAt;
    const pathAt = paramsAt + paramsSize;
    const pathSize = write(path, pathAt);
    const optionsAt = pathAt + pathSize;
    const optionsSize = write(optionsJson, optionsAt);
    const status = core.lms_emit(instance, start, dialectSize, codeAt, codeSize, paramsAt, paramsSize, pathAt, pathSize, optionsAt, optionsSize, now);
    if (status !== 0) return raw.fail(status, 'emit()'); // throws the core's message
    raw.memory(); // the call may have grown it
    const data = core.lms_result_data(instance);
    const size = core.lms_result_size(instance);
    const headSize = core.lms_emit_head_size(instance);
    // One decode for both parts when every byte is ASCII (as many characters as bytes: the core
    // writes valid UTF-8), else one per part.
    const text = raw.text(data, data + size);
    const ascii = text.length === size;
    const headText = ascii ? text.slice(0, headSize) : raw.text(data, data + headSize);
    if (headText !== lastHeadText) {
      lastHead = JSON.parse(headText);
      lastHeadText = headText;
    }
    const body = ascii ? text.slice(headSize) : raw.text(data + headSize, data + size);
    return { status: lastHead.status, headers: { ...lastHead.headers }, body };
  };
}
