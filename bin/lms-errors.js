#!/usr/bin/env node
// lms-errors CLI: the same WASM core as the browser, from the command line.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init } from '../web/node.js';

const usage = {
  main: `Usage: lms-errors <command> [options]

Commands:
  lookup <CODE> [--dialect d]       status, message, cause, retry class and action of an error
  parse --status <n> [--header 'K: V']... < body
                                    the normalized error of an HTTP response, as JSON
  lint [DIR]                        check a locale tree (DIR/<locale>/<namespace>.json, default
                                    the shipped i18n/) against the catalogue
  codegen --lang ts|go [--dialect d] [--package name]
                                    source code generated from the catalogue, on stdout

Options:
  --catalogue FILE                  use this catalogue JSON instead of the embedded one
  --help                            help for a command: lms-errors <command> --help`,
  lookup: `Usage: lms-errors lookup <CODE> [--dialect lms|wrapped|nestjs|okflag|problem|http|network] [--json]

Prints the catalogue entry for CODE (the first dialect that has it, unless --dialect is given).
Exits 1 when the code is not in the catalogue.`,
  parse: `Usage: lms-errors parse --status <n> [--header 'Name: value']... [--now <epoch ms>] < body

Reads the response body from stdin (as bytes) and prints the normalized error as JSON:
dialect, code, status, message, known, params, fieldErrors, importErrors, retryAfterMs, rateLimit.`,
  lint: `Usage: lms-errors lint [DIR]

Checks every DIR/<locale>/<namespace>.json (default: the package's i18n/) against the catalogue:
missing keys, unknown keys, placeholders that are not the entry's params, incomplete plural forms.
Prints one "file: key: problem" line per problem and exits 1 if there is any.`,
  codegen: `Usage: lms-errors codegen --lang ts|go [--dialect d] [--package name]

  --lang ts   a TypeScript module: an ErrorCode enum (per dialect) and a typed table
  --lang go   a Go file: package apperrors (or --package), one AppError var per entry, All, Lookup
  --dialect   only that convention (with ts the enum is then named ErrorCode)`,
};

class UsageError extends Error {}

/** Splits argv into positionals and --name value / --flag options. */
function parseArgs(argv, flags = []) {
  const positionals = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) options[name] = true;
    else if (inline !== undefined) options[name] = inline;
    else if (i + 1 < argv.length) options[name] = argv[++i];
    else throw new UsageError(`--${name} needs a value`);
  }
  return { positionals, options };
}

async function open(options) {
  const catalogue = options.catalogue ? await readFile(options.catalogue, 'utf8') : undefined;
  return init(catalogue === undefined ? { tools: true } : { tools: true, catalogue });
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const commands = {
  async parse(argv, out) {
    const headers = [];
    const rest = [];
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--header') {
        const header = argv[++i];
        const colon = header?.indexOf(':') ?? -1;
        if (colon <= 0) throw new UsageError(`--header needs 'Name: value', got ${JSON.stringify(header)}`);
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
      } else rest.push(argv[i]);
    }
    const { options } = parseArgs(rest, ['help']);
    if (options.help) return out(usage.parse), 0;
    const status = Number(options.status);
    if (!Number.isInteger(status) || status < 0 || status > 999) throw new UsageError('parse needs --status <HTTP status>');
    const now = options.now === undefined ? Date.now() : Number(options.now);
    if (!Number.isFinite(now)) throw new UsageError('--now must be epoch milliseconds');
    const lms = await open(options);
    out(JSON.stringify(lms.parse({ status, headers, body: await readStdin(), now }), null, 2));
    return 0;
  },
  async lint(argv, out) {
    const { positionals, options } = parseArgs(argv, ['help']);
    if (options.help) return out(usage.lint), 0;
    if (positionals.length > 1) throw new UsageError('lint takes at most one DIR');
    const dir = positionals[0] ?? fileURLToPath(new URL('../i18n/', import.meta.url));
    const lms = await open(options);
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
    for (const problem of problems) out(problem);
    if (problems.length) process.stderr.write(`lms-errors: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
    return problems.length ? 1 : 0;
  },
  async lookup(argv, out) {
    const { positionals, options } = parseArgs(argv, ['json', 'help']);
    if (options.help) return out(usage.lookup), 0;
    if (positionals.length !== 1) throw new UsageError('lookup takes exactly one CODE');
    const lms = await open(options);
    const entry = lms.lookup(positionals[0].trim(), options.dialect);
    if (!entry) {
      process.stderr.write(`lms-errors: ${positionals[0]} is not in the catalogue${options.dialect ? ` (dialect ${options.dialect})` : ''}\n`);
      return 1;
    }
    if (options.json) return out(JSON.stringify(entry, null, 2)), 0;
    out(
      [
        `${entry.code} (${entry.dialect})`,
        `  status:  ${entry.status}`,
        `  message: ${entry.message}`,
        `  cause:   ${entry.cause || '—'}`,
        ...(entry.resolution ? [`  resolution: ${entry.resolution}`] : []),
        ...(entry.params.length ? [`  params:  ${entry.params.join(', ')}`] : []),
        `  retry:   ${entry.retry}`,
        `  action:  ${entry.action}`,
      ].join('\n'),
    );
    return 0;
  },
  async codegen(argv, out) {
    const { options } = parseArgs(argv, ['help']);
    if (options.help) return out(usage.codegen), 0;
    if (!['ts', 'go'].includes(options.lang)) throw new UsageError('codegen needs --lang ts or --lang go');
    const lms = await open(options);
    process.stdout.write(lms.codegen(options.lang, { dialect: options.dialect, goPackage: options.package }));
    return 0;
  },
};

async function main(argv) {
  const [command, ...rest] = argv;
  const out = (text) => process.stdout.write(`${text}\n`);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(usage.main);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command '${command}'`);
  return run(rest, out);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`lms-errors: ${error.message}\n`);
    if (error instanceof UsageError) process.stderr.write('Run lms-errors --help for usage.\n');
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
