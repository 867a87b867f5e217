#!/usr/bin/env node
// lms-errors CLI: the same WASM core as the browser, from the command line.
import { readFile } from 'node:fs/promises';
import { init } from '../web/node.js';

const usage = {
  main: `Usage: lms-errors <command> [options]

Commands:
  lookup <CODE> [--dialect d]       status, message, cause, retry class and action of an error
  codegen --lang ts|go [--dialect d] [--package name]
                                    source code generated from the catalogue, on stdout

Options:
  --catalogue FILE                  use this catalogue JSON instead of the embedded one
  --help                            help for a command: lms-errors <command> --help`,
  lookup: `Usage: lms-errors lookup <CODE> [--dialect lms|wrapped|nestjs|okflag|problem|http|network] [--json]

Prints the catalogue entry for CODE (the first dialect that has it, unless --dialect is given).
Exits 1 when the code is not in the catalogue.`,
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
  return init(catalogue === undefined ? {} : { catalogue });
}

const commands = {
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
