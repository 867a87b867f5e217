// Where the page download's bytes go: the page build's code by concern, its data, and the
// browser entry's modules. A measuring tool for bench/RESULTS.md ("Page download: where the
// bytes go"), not a test (tests/node/c-api.test.js guards the total).
//   bash scripts/page-size-build.sh          # the page .wasm with function names, build/wasm-names/
//   node bench/page-size.mjs [build/wasm-names/lms_core.wasm]
// Function names are what --profiling-funcs keeps after -Oz and LTO: code inlined into a caller
// counts as the caller's, so a concern's figure is what its own functions hold. gzip -9 of a
// concern is of its functions' bodies alone (a lower bound of its share in the whole file).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const wasmPath = process.argv[2] ?? 'build/wasm-names/lms_core.wasm';

// ---- the .wasm: code bodies by function name, data segments --------------------------------
function readModule(bytes) {
  let p = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[p++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const skipLimits = () => (u32() & 1 ? (u32(), u32()) : u32());
  const module = { imported: 0, bodies: [], data: [], names: new Map() };
  while (p < bytes.length) {
    const id = bytes[p++];
    const end = u32() + p;
    if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        p += u32();
        p += u32();
        const kind = bytes[p++];
        if (kind === 0) (u32(), module.imported++);
        else if (kind === 1) (p++, skipLimits());
        else if (kind === 2) skipLimits();
        else p += 2;
      }
    } else if (id === 10) {
      for (let n = u32(); n > 0; n--) {
        const size = u32();
        module.bodies.push(bytes.subarray(p, p + size));
        p += size;
      }
    } else if (id === 11) {
      for (let n = u32(); n > 0; n--) {
        if (u32() === 0) while (bytes[p++] !== 0x0b);  // the offset expression
        const size = u32();
        module.data.push(bytes.subarray(p, p + size));
        p += size;
      }
    } else if (id === 0) {
      const nameSize = u32();
      const isNames = bytes.toString('utf8', p, p + nameSize) === 'name';
      p += nameSize;
      while (isNames && p < end) {
        const sub = bytes[p++];
        const subEnd = u32() + p;
        if (sub === 1) {
          for (let n = u32(); n > 0; n--) {
            const index = u32();
            const size = u32();
            module.names.set(index, bytes.toString('utf8', p, p + size));
            p += size;
          }
        }
        p = subEnd;
      }
    }
    p = end;
  }
  return module;
}

// Concerns by source file, for functions named after a file's own (anonymous-namespace) helpers.
const sources = [
  ...readdirSync('wasm/src').map((f) => `wasm/src/${f}`),
  ...readdirSync('bindings').map((f) => `bindings/${f}`),
].filter((f) => /\.(cpp|hpp)$/.test(f));
const sourceText = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]));
const concernOfFile = [
  [/^(envelope|dialect_detection|field_errors|import_errors|text_body|http_fields|message_template|header_values)/, 'envelope readers'],
  [/^foreign_conventions/, 'foreign conventions (issue 17)'],
  [/^catalogue/, 'catalogue reader'],
  [/^(i18n_|plural)/, 'i18n engine + plural rules'],
  [/^retry/, 'retry (decide, policy)'],
  [/^error/, 'error reader/writer'],
  [/^(json_scan|function_ref)/, 'jscan (in-place JSON reader)'],
  [/^json_number/, 'json_number + fast_float'],
  [/^json_writer/, 'JsonWriter'],
  [/^json_util/, 'json_util (jscan -> nlohmann DOM)'],
  [/^(text_util|utf8|js_text|string_table)/, 'text, utf8, js_text'],
  [/^wire_in_place/, 'C API: wire_in_place (in-place reader)'],
  [/^wire/, 'C API: wire (DOM reader)'],
  [/^(c_api|instance)/, 'C API functions'],
  [/^emit/, 'emit.cpp (headers_from_json, which parse() uses)'],
];
const fileConcern = (file) => concernOfFile.find(([re]) => re.test(file.split('/').pop()))?.[1] ?? `other (${file})`;

// The qualified name without template arguments and parameters.
function qualified(name) {
  let depth = 0;
  let out = '';
  for (const c of name.replace(/^byn\$mgfn-shared\$/, '')) {
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (depth === 0) out += c;
  }
  out = out.replace(/\(anonymous namespace\)/g, '');
  return out.includes('(') ? out.slice(0, out.indexOf('(')) : out;
}

function concern(name) {
  const bare = name.replace(/^byn\$mgfn-shared\$/, '');
  if (/^lms_/.test(bare)) return 'C API functions';
  if (/^(operator new|operator delete|malloc|free|realloc|claim_more_memory|attempt_allocate|emmalloc|sbrk)/.test(bare)) return 'emmalloc + operator new';
  if (/^(mem|str[a-z]+$|__multi3|__wasm_call_ctors|_initialize|abort|__ashl|__lshr)/.test(bare)) return 'libc + runtime';
  // A lambda behind a FunctionRef belongs to the function that wrote it.
  const lambda = bare.match(/^lms::FunctionRef<.*?>::FunctionRef<(lms::[A-Za-z_:]*(?:\(anonymous namespace\)::)?[A-Za-z_:]*)/);
  if (lambda) return concern(`${lambda[1]}(`);
  const q = qualified(bare);
  if (/^nlohmann::/.test(q) || (/^std::/.test(q) && /nlohmann/.test(bare))) return 'nlohmann::json DOM (library code)';
  if (/^fmt::/.test(q)) return 'fmt (dragonbox, digit grouping)';
  if (/^fast_float::/.test(q)) return 'json_number + fast_float';
  if (/^std::/.test(q)) return 'libc++ (string, vector, map)';
  if (/^lms::jscan::/.test(q)) return 'jscan (in-place JSON reader)';
  if (/^lms::(i18n::|ResourceStore|DetailLines|PluralRules|plural_|format|details|is_right_to_left)/.test(q)) return 'i18n engine + plural rules';
  if (/^lms::wire::/.test(q)) return /read_error_members|flat_params|details_in_place|validated/.test(bare) ? 'C API: wire_in_place (in-place reader)' : 'C API: wire (DOM reader)';
  if (/^lms::envelope::/.test(q)) return 'envelope readers';
  if (/^lms::(js|text|utf8)::/.test(q)) return 'text, utf8, js_text';
  if (/^lms::JsonWriter/.test(q)) return 'JsonWriter';
  if (/^lms::Catalogue/.test(q)) return 'catalogue reader';
  const parts = q.split('::').filter((part) => part && part !== 'lms');
  for (const key of [parts[0], parts.at(-1)]) {
    const ident = key?.replace(/[^A-Za-z0-9_]/g, '');
    if (!ident) continue;
    const defines = new RegExp(`(struct|class)\\s+${ident}\\b|[\\s*&:]${ident}\\s*\\([^;]*\\)\\s*(const\\s*)?\\{|\\b${ident}::`, 'm');
    const found = sources.filter((f) => defines.test(sourceText.get(f)));
    if (found.length) return fileConcern(found[0]);
  }
  return 'unattributed';
}

const module = readModule(readFileSync(wasmPath));
const concerns = new Map();
let dom = { bytes: 0, bodies: [] };
module.bodies.forEach((body, i) => {
  const name = module.names.get(i + module.imported) ?? `f${i}`;
  const key = concern(name);
  const entry = concerns.get(key) ?? { bytes: 0, bodies: [], count: 0 };
  entry.bytes += body.length;
  entry.bodies.push(body);
  entry.count++;
  concerns.set(key, entry);
  if (/nlohmann/.test(name)) {
    dom.bytes += body.length;
    dom.bodies.push(body);
  }
});
const code = module.bodies.reduce((sum, body) => sum + body.length, 0);
const data = Buffer.concat(module.data);
console.log(`${wasmPath}: code ${code} B (gzip -9 alone ${gzip(Buffer.concat(module.bodies))} B), data ${data.length} B (gzip -9 alone ${gzip(data)} B)\n`);
console.log('| concern | functions | code bytes | share | gzip -9 alone |\n| --- | ---: | ---: | ---: | ---: |');
for (const [key, entry] of [...concerns].sort((a, b) => b[1].bytes - a[1].bytes))
  console.log(`| ${key} | ${entry.count} | ${entry.bytes} | ${((100 * entry.bytes) / code).toFixed(1)} % | ${gzip(Buffer.concat(entry.bodies))} |`);
console.log(`\nfunctions with nlohmann::json in their name or signature (the DOM and its readers): ${dom.bytes} B, gzip -9 alone ${gzip(Buffer.concat(dom.bodies))} B`);

// The embedded catalogue inside the data.
const embedded = readFileSync(join(dirname(wasmPath), 'generated/embedded_catalogue_page.cpp'), 'utf8').match(/R"lms_catalogue\(([\s\S]*)\)lms_catalogue"/)?.[1];
if (embedded) console.log(`embedded page catalogue: ${embedded.length} B, gzip -9 alone ${gzip(Buffer.from(embedded))} B`);

// ---- the entry JS: its modules ---------------------------------------------------------------
const bundled = await build({
  entryPoints: ['web/index.js'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2020',
  splitting: true, outdir: join(dirname(wasmPath), 'entry'), metafile: true, write: false, logLevel: 'error',
  plugins: [{ name: 'locales-without-meta', setup(b) {
    b.onLoad({ filter: /[\\/]i18n[\\/][^\\/]+[\\/][^\\/]+\.json$/ }, ({ path }) => {
      const { $meta, ...resources } = JSON.parse(readFileSync(path, 'utf8'));
      return { contents: JSON.stringify(resources), loader: 'json' };
    });
  } }],
});
const [, entryMeta] = Object.entries(bundled.metafile.outputs).find(([path]) => path.endsWith('index.js'));
console.log('\n| entry module | minified bytes (esbuild) |\n| --- | ---: |');
for (const [path, input] of Object.entries(entryMeta.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput))
  console.log(`| ${path} | ${input.bytesInOutput} |`);
