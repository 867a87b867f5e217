#!/usr/bin/env node
// lms-errors CLI: the same WASM core as the browser, from the command line.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { init, DIALECTS } from '../web/node.js';
import { readRawResponse } from './raw-response.js';
import { unifiedDiff } from './line-diff.js';

const EXIT = { ok: 0, failure: 1, usage: 2, ambiguous: 3 };

const usage = {
  main: `Usage: lms-errors <command> [options]

Commands:
  lookup <CODE> [--dialect d]       status, message, cause, retry class and action of an error
  parse [--status <n>] [--header 'K: V']... < response
                                    the normalized error of an HTTP response (a body, or the whole
                                    response as curl -i prints it), as JSON
  lint [DIR]                        check a locale tree (DIR/<locale>/<namespace>.json, default
                                    the shipped i18n/) against the catalogue
  codegen --lang ts|go|dts [--dialect d] [--package name] [--out FILE]
                                    source code generated from the catalogue, on stdout
  codegen --check FILE...           exit 1 with a diff when FILE differs from what codegen writes

Options (every command):
  --catalogue FILE                  use this catalogue JSON instead of the embedded one
  --json                            machine-readable output
  --help, -h                        help for a command: lms-errors <command> --help
  --version, -v                     the package version and the catalogue revision

Exit codes: 0 success, 1 failure (not found, problems, drift), 2 usage error, 3 ambiguous lookup.`,
  lookup: `Usage: lms-errors lookup <CODE> [--dialect lms|wrapped|nestjs|okflag|problem|http|network] [--json]

Prints the catalogue entry for CODE. Without --dialect, a code that several conventions define
(DATABASE_ERROR is 500 in wrapped, 400 in nestjs) prints every one of them and exits 3, so a
script cannot silently get the wrong one: pass --dialect. With --json: the entry as an object,
or an array of every match when ambiguous.
Exit codes: 0 found, 1 not in the catalogue, 2 usage error, 3 ambiguous (all listed).`,
  parse: `Usage: lms-errors parse [--status <n>] [--header 'Name: value']... [--now <epoch ms>] < response

Reads stdin (as bytes) and prints the normalized error as JSON: dialect, code, status, message,
known, params, fieldErrors, importErrors, retryAfterMs, rateLimit.
stdin is either the body (then --status is required), or a whole response as \`curl -i\` prints
it: status line (HTTP/1.x or HTTP/2), headers, blank line, body; CRLF or LF; 1xx blocks (100
Continue), a proxy's "200 Connection established" and redirects followed with -L are skipped,
the last response is read. --status and --header override what the response says.`,
  lint: `Usage: lms-errors lint [DIR] [--json]

Checks every DIR/<locale>/<namespace>.json (default: the package's i18n/) against the catalogue:
missing keys, unknown keys, placeholders that are not the entry's params, incomplete plural forms.
Prints one "file: key: problem" line per problem (--json: a JSON array) and exits 1 if there is any.`,
  codegen: `Usage: lms-errors codegen --lang ts|go|dts [--dialect d] [--package name] [--out FILE]
       lms-errors codegen --check FILE...

  --lang ts    a TypeScript module: erasable (\`as const\` objects and unions, no enum), the
               params of each code typed, every entry (status, message, cause, retry, action)
  --lang go    a Go file: package apperrors (or --package), one *AppError per entry carrying the
               whole entry, All, an O(1) Lookup, errors.Is by code, Wrap/Unwrap for the cause
  --lang dts   literal unions of every code (the package's web/codes.d.ts)
  --dialect    only that convention (TypeScript names are then ErrorCode, ErrorParams, ERRORS)
  --out FILE   write FILE instead of stdout
  --check      regenerate each FILE as its first line says it was generated, and compare:
               exit 0 when all are current, 1 with a unified diff on stdout when any differs`,
};

class UsageError extends Error {}

/** util.parseArgs with the options every command takes, and errors that say what was wrong. */
function parse(command, argv, own = {}) {
  const options = {
    catalogue: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...own,
  };
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option '${flag}' for ${command} (see lms-errors ${command} --help)`);
    }
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'--?([\w-]+)/.exec(error.message)?.[1];
      throw new UsageError(options[name]?.type === 'boolean' ? `--${name} takes no value` : `--${name} needs a value`);
    }
    throw new UsageError(error.message);
  }
}

async function open(values) {
  const catalogue = values.catalogue ? await readFile(values.catalogue, 'utf8') : undefined;
  return init(catalogue === undefined ? { tools: true } : { tools: true, catalogue });
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function headerPair(text) {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header needs 'Name: value', got ${JSON.stringify(text)}`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

function describe(entry) {
  return [
    `${entry.code} (${entry.dialect})`,
    `  status:  ${entry.status}`,
    `  message: ${entry.message}`,
    `  cause:   ${entry.cause || '—'}`,
    ...(entry.resolution ? [`  resolution: ${entry.resolution}`] : []),
    ...(entry.params.length ? [`  params:  ${entry.params.join(', ')}`] : []),
    `  retry:   ${entry.retry}`,
    `  action:  ${entry.action}`,
  ].join('\n');
}

// The `lms-errors codegen …` line a generated file starts with -> the options that wrote it.
function generatorOf(text) {
  const line = /^\/\/ (?:Code )?[Gg]enerated by `lms-errors codegen ([^`]*)`/.exec(text)?.[1];
  if (line === undefined) return null;
  const { values } = parseArgs({ args: line.split(' '), options: { lang: { type: 'string' }, dialect: { type: 'string' }, package: { type: 'string' } }, strict: false });
  return values;
}

const commands = {
  async parse(argv, out) {
    const { values } = parse('parse', argv, { status: { type: 'string' }, header: { type: 'string', multiple: true }, now: { type: 'string' } });
    if (values.help) return out(usage.parse), EXIT.ok;
    const overrides = (values.header ?? []).map(headerPair);
    let status = values.status === undefined ? undefined : Number(values.status);
    if (status !== undefined && (!Number.isInteger(status) || status < 0 || status > 999)) throw new UsageError('--status must be an HTTP status (0–999)');
    const now = values.now === undefined ? Date.now() : Number(values.now);
    if (!Number.isFinite(now)) throw new UsageError('--now must be epoch milliseconds');
    const input = await readStdin();
    const raw = readRawResponse(input);
    let headers = overrides;
    let body = input;
    if (raw) {
      const overridden = new Set(overrides.map(([name]) => name.toLowerCase()));
      headers = [...raw.headers.filter(([name]) => !overridden.has(name.toLowerCase())), ...overrides];
      body = raw.body;
      status ??= raw.status;
    } else if (status === undefined) {
      throw new UsageError('parse needs --status <HTTP status>, or a whole response (curl -i) on stdin');
    }
    const lms = await open(values);
    out(JSON.stringify(lms.parse({ status, headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), now }), null, 2));
    return EXIT.ok;
  },

  async lint(argv, out) {
    const { values, positionals } = parse('lint', argv);
    if (values.help) return out(usage.lint), EXIT.ok;
    if (positionals.length > 1) throw new UsageError('lint takes at most one DIR');
    const dir = positionals[0] ?? fileURLToPath(new URL('../i18n/', import.meta.url));
    const lms = await open(values);
    const problems = [];
    const locales = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    if (locales.length === 0) problems.push(`${dir}: no <locale>/ folders`);
    for (const locale of locales) {
      for (const name of (await readdir(join(dir, locale))).filter((file) => file.endsWith('.json')).sort()) {
        const file = `${locale}/${name}`;
        let resources;
        try {
          resources = JSON.parse(await readFile(join(dir, locale, name), 'utf8'));
        } catch (error) {
          problems.push(`${file}: : not valid JSON (${error.message})`);
          continue;
        }
        try {
          lms.addResources(locale, name.slice(0, -'.json'.length), resources);
        } catch (error) {
          problems.push(`${file}: : ${error.message}`);
        }
      }
    }
    problems.push(...lms.checkLocales());
    if (values.json) out(JSON.stringify(problems, null, 2));
    else for (const problem of problems) out(problem);
    if (problems.length) process.stderr.write(`lms-errors: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
    return problems.length ? EXIT.failure : EXIT.ok;
  },

  async lookup(argv, out) {
    const { values, positionals } = parse('lookup', argv, { dialect: { type: 'string' } });
    if (values.help) return out(usage.lookup), EXIT.ok;
    if (positionals.length !== 1) throw new UsageError('lookup takes exactly one CODE');
    const code = positionals[0].trim();
    const lms = await open(values);
    const found = values.dialect !== undefined ? [lms.lookup(code, values.dialect)].filter(Boolean) : DIALECTS.map((dialect) => lms.lookup(code, dialect)).filter(Boolean);
    if (found.length === 0) {
      process.stderr.write(`lms-errors: ${code} is not in the catalogue${values.dialect ? ` (dialect ${values.dialect})` : ''}\n`);
      return EXIT.failure;
    }
    if (values.json) out(JSON.stringify(found.length === 1 ? found[0] : found, null, 2));
    else out(found.map(describe).join('\n\n'));
    if (found.length === 1) return EXIT.ok;
    process.stderr.write(`lms-errors: ${code} is in ${found.length} dialects (${found.map((entry) => entry.dialect).join(', ')}): pass --dialect\n`);
    return EXIT.ambiguous;
  },

  async codegen(argv, out) {
    const { values, positionals } = parse('codegen', argv, {
      lang: { type: 'string' },
      dialect: { type: 'string' },
      package: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
    });
    if (values.help) return out(usage.codegen), EXIT.ok;
    if (values.check) return check(values, positionals, out);
    if (positionals.length) throw new UsageError(`codegen takes no positional arguments (got '${positionals[0]}'; --check FILE compares a file)`);
    if (!['ts', 'go', 'dts'].includes(values.lang)) throw new UsageError('codegen needs --lang ts, go or dts');
    const lms = await open(values);
    const text = lms.codegen(values.lang, { dialect: values.dialect, goPackage: values.package });
    if (values.out) await writeFile(values.out, text);
    else if (values.json) out(JSON.stringify({ lang: values.lang, dialect: values.dialect ?? null, catalogueRevision: lms.catalogueRevision, code: text }, null, 2));
    else process.stdout.write(text);
    return EXIT.ok;
  },
};

/** codegen --check FILE...: each file against what its own first line says generated it. */
async function check(values, files, out) {
  if (files.length === 0) throw new UsageError('codegen --check needs the FILE(s) to compare');
  const lms = await open(values);
  const results = [];
  for (const file of files) {
    // A checkout with CRLF line ends (git's autocrlf on Windows) holds the same file.
    const current = (await readFile(file, 'utf8')).replace(/\r\n/g, '\n');
    const generator = generatorOf(current);
    const lang = values.lang ?? generator?.lang;
    if (!lang) throw new UsageError(`${file} does not start with a "Generated by \`lms-errors codegen …\`" line: pass --lang (and --dialect, --package)`);
    const expected = lms.codegen(lang, { dialect: values.dialect ?? generator?.dialect, goPackage: values.package ?? generator?.package });
    results.push({ file, upToDate: current === expected, diff: current === expected ? '' : unifiedDiff(current, expected, file, `${file} (regenerated)`) });
  }
  if (values.json) out(JSON.stringify(results, null, 2));
  for (const result of results) {
    if (result.upToDate) continue;
    if (!values.json) process.stdout.write(result.diff);
    process.stderr.write(`lms-errors: ${result.file} differs from the catalogue (revision ${lms.catalogueRevision}): regenerate it\n`);
  }
  return results.every((result) => result.upToDate) ? EXIT.ok : EXIT.failure;
}

async function version(argv, out) {
  const { values } = parse('--version', argv, { version: { type: 'boolean', short: 'v' } });
  const { version: packageVersion } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  const lms = await open(values);
  if (values.json) out(JSON.stringify({ version: packageVersion, catalogueRevision: lms.catalogueRevision }, null, 2));
  else out(`lms-errors ${packageVersion} (catalogue revision ${lms.catalogueRevision ?? 'none'})`);
  return EXIT.ok;
}

async function main(argv) {
  const out = (text) => process.stdout.write(`${text}\n`);
  if (argv.includes('--version') || argv.includes('-v')) return version(argv, out);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(usage.main);
    return command ? EXIT.ok : EXIT.usage;
  }
  const run = commands[command];
  if (!run) throw new UsageError(command.startsWith('-') ? `unknown option '${command}' (a command comes first)` : `unknown command '${command}'`);
  return run(rest, out);
}

// `lms-errors lint | head`: the reader has gone, which is no error of ours.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT.ok);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`lms-errors: ${error.message}\n`);
    if (error instanceof UsageError) process.stderr.write('Run lms-errors --help for usage.\n');
    process.exitCode = error instanceof UsageError ? EXIT.usage : EXIT.failure;
  },
);
