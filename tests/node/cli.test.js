// The CLI runs the same WASM; its generated code compiles in the servers' languages, and
// `codegen --check` catches a generated file that no longer matches the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/lms-errors.js', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const webTypes = fileURLToPath(new URL('../../web/index.js', import.meta.url));
const servedText = await readFile(new URL('../../dist/catalogue.json', import.meta.url), 'utf8');
const revision = JSON.parse(servedText).revision;

/** Runs the CLI; `stdin` (string or Buffer) is written to it. */
function lmsErrors(args, stdin = '') {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }));
    child.stdin.end(stdin);
  });
}

async function tempDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'lms-errors-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The merged catalogue with one message changed and the revision the build would give it. */
function catalogueWithMessage(dialect, code, message) {
  const document = JSON.parse(servedText);
  document.dialects.find((file) => file.dialect === dialect).entries.find((entry) => entry.code === code).message = message;
  delete document.revision;
  const text = JSON.stringify(document);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return text.replace('{"version":1,', `{"version":1,"revision":"${hash}",`);
}

test('lookup prints status, message, cause, retry class and action', async () => {
  const { code, stdout } = await lmsErrors(['lookup', 'LMS-ADM-007']);
  assert.equal(code, 0);
  assert.match(stdout, /status: {2}500/);
  assert.match(stdout, /message: update failed/);
  assert.match(stdout, /cause: {3}DB error on user\/classroom update/);
  assert.match(stdout, /retry: {3}transient/);
  assert.match(stdout, /action: {2}retry/);
  const nest = await lmsErrors(['lookup', 'DATABASE_ERROR', '--dialect', 'nestjs', '--json']);
  assert.equal(nest.code, 0);
  assert.equal(JSON.parse(nest.stdout).status, 400);
});

test('an ambiguous lookup lists every dialect and exits 3', async () => {
  const text = await lmsErrors(['lookup', 'DATABASE_ERROR']);
  assert.equal(text.code, 3);
  assert.match(text.stdout, /DATABASE_ERROR \(wrapped\)\n {2}status: {2}500/);
  assert.match(text.stdout, /DATABASE_ERROR \(nestjs\)\n {2}status: {2}400/);
  assert.match(text.stderr, /DATABASE_ERROR is in 2 dialects \(wrapped, nestjs\): pass --dialect/);
  const json = await lmsErrors(['lookup', 'DATABASE_ERROR', '--json']);
  assert.equal(json.code, 3);
  assert.deepEqual(JSON.parse(json.stdout).map((entry) => [entry.dialect, entry.status]), [['wrapped', 500], ['nestjs', 400]]);
});

test('errors go to stderr with a non-zero exit, and say what was wrong', async () => {
  const missing = await lmsErrors(['lookup', 'NOPE-001']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /NOPE-001 is not in the catalogue/);
  const unknown = await lmsErrors(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const badFlag = await lmsErrors(['lookup', 'LMS-ADM-007', '--frob']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /unknown option '--frob' for lookup/);
  assert.doesNotMatch(badFlag.stderr, /needs a value/);
  const noValue = await lmsErrors(['lookup', 'LMS-ADM-007', '--dialect']);
  assert.equal(noValue.code, 2);
  assert.match(noValue.stderr, /--dialect needs a value/);
  const badDialect = await lmsErrors(['lookup', 'X', '--dialect', 'soap']);
  assert.equal(badDialect.code, 1);
  assert.match(badDialect.stderr, /unknown dialect "soap"/);
  const badLang = await lmsErrors(['codegen', '--lang', 'cobol']);
  assert.equal(badLang.code, 2);
  assert.equal(badLang.stdout, '');
});

test('--help on every command, --version with the catalogue revision', async () => {
  for (const args of [['--help'], ['lookup', '--help'], ['parse', '--help'], ['lint', '--help'], ['codegen', '--help'], ['lookup', '-h']]) {
    const { code, stdout } = await lmsErrors(args);
    assert.equal(code, 0, args.join(' '));
    assert.match(stdout, /^Usage: lms-errors/);
  }
  const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  const text = await lmsErrors(['--version']);
  assert.equal(text.code, 0);
  assert.equal(text.stdout, `lms-errors ${version} (catalogue revision ${revision})\n`);
  const json = await lmsErrors(['--version', '--json']);
  assert.deepEqual(JSON.parse(json.stdout), { version, catalogueRevision: revision });
});

test('--json on every command', async () => {
  assert.equal(JSON.parse((await lmsErrors(['lookup', 'LMS-ADM-007', '--json'])).stdout).code, 'LMS-ADM-007');
  assert.deepEqual(JSON.parse((await lmsErrors(['lint', '--json'])).stdout), []);
  const generated = JSON.parse((await lmsErrors(['codegen', '--lang', 'go', '--dialect', 'lms', '--json'])).stdout);
  assert.equal(generated.catalogueRevision, revision);
  assert.match(generated.code, /^\/\/ Code generated by `lms-errors codegen --lang go --dialect lms`/);
  const parsed = await lmsErrors(['parse', '--status', '500', '--json'], '{"code":"LMS-ADM-007","error":"update failed"}');
  assert.equal(JSON.parse(parsed.stdout).code, 'LMS-ADM-007');
});

test('a closed pipe (lint | head -n 1) ends the CLI quietly', async (t) => {
  // Ten locales with empty files: thousands of problem lines, one write each, ~130 KB, more
  // than a pipe holds, into a reader that leaves after one line: the later writes get EPIPE.
  const dir = await tempDir(t);
  const { mkdir, readdir } = await import('node:fs/promises');
  const namespaces = await readdir(new URL('../../i18n/en-GB/', import.meta.url));
  for (const locale of ['cy', 'pl', 'ar', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv']) {
    await mkdir(join(dir, locale));
    for (const name of namespaces) await writeFile(join(dir, locale, name), '{}');
  }
  const script = `set -o pipefail; "${process.execPath}" "${cli}" lint "${dir}" | head -n 1 >/dev/null`;
  const result = await run('bash', ['-c', script]).catch((error) => error);
  assert.equal(result.code, 1, 'lint found problems');
  assert.match(result.stderr, /^lms-errors: \d+ problems in [^\n]+\n$/);
});

test('parse reads a body on stdin, or a whole response as curl -i prints it', async () => {
  const body = JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 45 seconds.' } });
  const plain = await lmsErrors(
    ['parse', '--status', '429', '--header', 'X-RateLimit-Limit: 100', '--header', 'X-RateLimit-Remaining: 0', '--header', 'X-RateLimit-Reset: 1709900400', '--now', '1709900355000'],
    body,
  );
  assert.equal(plain.code, 0, plain.stderr);
  const error = JSON.parse(plain.stdout);
  assert.equal(error.dialect, 'wrapped');
  assert.equal(error.code, 'RATE_LIMITED');
  assert.equal(error.known, true);
  assert.deepEqual(error.rateLimit, { limit: 100, remaining: 0, resetAt: 1709900400000 });

  // HTTP/1.1 with CRLF after a 100 Continue block (curl -i of a POST with a body).
  const nest = '{"statusCode":404,"code":"NOT_FOUND","message":"Student not found","timestamp":"2026-03-10T12:00:00.000Z","path":"/api/v1/students/abc-123","params":{"entity":"student"}}';
  const http1 = `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-Request-Id: req-7f3a\r\nRetry-After: 30\r\n\r\n${nest}`;
  const one = JSON.parse((await lmsErrors(['parse'], http1)).stdout);
  assert.deepEqual([one.dialect, one.code, one.status, one.params.entity, one.requestId, one.retryAfterMs], ['nestjs', 'NOT_FOUND', 404, 'student', 'req-7f3a', 30000]);
  // HTTP/2 status line (no reason phrase), LF line ends, a proxy's tunnel block first.
  const http2 = `HTTP/1.1 200 Connection established\n\nHTTP/2 503\ncontent-type: text/html\n\n<html><title>Service Unavailable</title></html>`;
  const two = JSON.parse((await lmsErrors(['parse'], http2)).stdout);
  assert.deepEqual([two.dialect, two.code, two.status], ['http', 'HTTP_503', 503]);
  // --status and --header override what the response says.
  const overridden = JSON.parse((await lmsErrors(['parse', '--header', 'Retry-After: 5'], http1)).stdout);
  assert.equal(overridden.retryAfterMs, 5000);

  const noStatus = await lmsErrors(['parse'], body);
  assert.equal(noStatus.code, 2);
  assert.match(noStatus.stderr, /--status/);
  const bad = await lmsErrors(['parse', '--status', 'abc']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--status/);
});

test('codegen --lang go is gofmt-clean, vets and works: Lookup, errors.Is, Unwrap', async (t) => {
  const dir = await tempDir(t);
  const all = await lmsErrors(['codegen', '--lang', 'go']);
  assert.equal(all.code, 0, all.stderr);
  const lmsOnly = await lmsErrors(['codegen', '--lang', 'go', '--dialect', 'lms']);
  assert.equal(lmsOnly.stdout.match(/= &AppError\{/g).length, 63);
  await writeFile(join(dir, 'go.mod'), 'module example.com/apperrors\n\ngo 1.19\n');
  await writeFile(join(dir, 'apperrors.go'), all.stdout);
  await writeFile(
    join(dir, 'apperrors_test.go'),
    `package apperrors

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"
)

func TestTable(t *testing.T) {
	e, ok := Lookup("lms", "LMS-ADM-007")
	if !ok || e != ErrLmsAdm007 || e.Status != 500 || e.Message != "update failed" || e.Retry != RetryTransient || e.Action != ActionRetry {
		t.Fatalf("LMS-ADM-007: %+v %v", e, ok)
	}
	if e.Cause != "DB error on user/classroom update (check server logs)" {
		t.Fatalf("cause: %q", e.Cause)
	}
	if ErrLmsAdm019.Message != "classroom has pupils \\u2014 reassign them first" {
		t.Fatalf("em dash lost: %q", ErrLmsAdm019.Message)
	}
	if d, _ := Lookup("nestjs", "DATABASE_ERROR"); d.Status != 400 || d.Retry != RetryNever {
		t.Fatalf("nestjs DATABASE_ERROR: %+v", d)
	}
	if nf, _ := Lookup("nestjs", "NOT_FOUND"); len(nf.Params) != 1 || nf.Params[0] != "entity" {
		t.Fatalf("NOT_FOUND params: %+v", nf.Params)
	}
	if _, ok := Lookup("lms", "LMS-ADM-999"); ok {
		t.Fatal("LMS-ADM-999 found")
	}
	if len(All) < 150 || CatalogueRevision != "${revision}" {
		t.Fatalf("%d entries, revision %q", len(All), CatalogueRevision)
	}
}

func TestWrapping(t *testing.T) {
	occurrence := ErrLmsAdm007.Wrap(sql.ErrConnDone)
	err := fmt.Errorf("update user: %w", occurrence)
	if !errors.Is(err, ErrLmsAdm007) || errors.Is(err, ErrLmsAdm008) || !errors.Is(err, sql.ErrConnDone) {
		t.Fatal("errors.Is by code, and through to the cause")
	}
	var app *AppError
	if !errors.As(err, &app) || app.Message != "update failed" || app.Status != 500 {
		t.Fatalf("errors.As: %+v", app)
	}
	if ErrLmsAdm007.Err != nil {
		t.Fatal("Wrap changed the shared entry")
	}
	if got := occurrence.Error(); got != "LMS-ADM-007 update failed: sql: connection is already closed" {
		t.Fatalf("Error(): %q", got)
	}
	if nf := ErrNestjsNotFound.With(map[string]string{"entity": "student"}); nf.Values["entity"] != "student" || ErrNestjsNotFound.Values != nil {
		t.Fatal("With")
	}
}
`,
  );
  const env = { ...process.env, GOCACHE: join(dir, '.cache'), GOPATH: join(dir, '.gopath'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off' };
  const gofmt = await run('gofmt', ['-l', 'apperrors.go'], { cwd: dir, env });
  assert.equal(gofmt.stdout, '', `not gofmt-clean: ${gofmt.stdout}`);
  for (const args of [['vet', './...'], ['test', './...']]) {
    const result = await run('go', args, { cwd: dir, env }).catch((error) => error);
    assert.ok(!(result instanceof Error), `go ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  }
});

test('codegen --lang ts compiles under erasableSyntaxOnly and types each code\'s params; lookup() rejects unknown literal codes', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'error-codes.ts'), (await lmsErrors(['codegen', '--lang', 'ts', '--dialect', 'nestjs'])).stdout);
  await writeFile(join(dir, 'all-codes.ts'), (await lmsErrors(['codegen', '--lang', 'ts'])).stdout);
  await writeFile(
    join(dir, 'usage.ts'),
    `import { ErrorCode, ERRORS, CATALOGUE_REVISION, type ErrorArgs, type ErrorParams } from './error-codes.js';
import { LmsErrorCode, LmsErrors, WrappedErrors, WrappedErrorCode } from './all-codes.js';
import type { Lms } from ${JSON.stringify(webTypes)};

// Seed 003's AppException, typed by the generated params.
class AppException<C extends ErrorCode> extends Error {
  readonly code: C;
  readonly params: ErrorParams[C] | undefined;
  constructor(code: C, ...args: ErrorArgs<ErrorParams[C]>) {
    super(ERRORS[code].message);
    this.code = code;
    this.params = args[0];
  }
}
const status: 404 = ERRORS[ErrorCode.NOT_FOUND].status;
const params: readonly ('expected' | 'received')[] = ERRORS[ErrorCode.SETUP_STEP_MISMATCH].params;
const adm: string = LmsErrors[LmsErrorCode.LMS_ADM_007].message;
const wrapped: 'transient' | 'throttle' | 'never' = WrappedErrors[WrappedErrorCode.DATABASE_ERROR].retry;
const revision: string = CATALOGUE_REVISION;
new AppException(ErrorCode.NOT_FOUND, { entity: 'student' });
new AppException('INTERNAL_ERROR');
new AppException('SETUP_VALIDATION_FAILED', { reason: 'email' });
// @ts-expect-error: NOT_FOUND needs {entity}
new AppException(ErrorCode.NOT_FOUND);
// @ts-expect-error: NOT_FOUND's param is entity
new AppException(ErrorCode.NOT_FOUND, { thing: 'student' });
// @ts-expect-error: INTERNAL_ERROR takes no params
new AppException(ErrorCode.INTERNAL_ERROR, { entity: 'x' });
// @ts-expect-error: codes outside the catalogue are not ErrorCodes
const bogus: ErrorCode = 'NOT_A_CODE';

declare const lms: Lms;
declare const fromServer: string;
lms.lookup('LMS-ADM-007');
lms.lookup('NOT_FOUND', 'nestjs');
lms.lookup(fromServer);
lms.lookup(fromServer, 'wrapped');
// @ts-expect-error: not a catalogue code
lms.lookup('LMS-ADM-999');
// @ts-expect-error: a code of another dialect
lms.lookup('LMS-ADM-007', 'nestjs');
const maybe: string | null = lms.catalogueRevision;
export { status, params, adm, wrapped, revision, bogus, maybe };
`,
  );
  const flags = ['--noEmit', '--strict', '--erasableSyntaxOnly', '--isolatedModules', '--verbatimModuleSyntax', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom'];
  const result = await run(process.execPath, [tsc, ...flags, join(dir, 'usage.ts')]).catch((error) => error);
  assert.ok(!(result instanceof Error), `tsc failed:\n${result.stdout}\n${result.stderr}`);
});

test('codegen --check: exit 1 with a diff on an edited message, 0 after regeneration', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'apperrors.go');
  assert.equal((await lmsErrors(['codegen', '--lang', 'go', '--dialect', 'lms', '--out', file])).code, 0);
  assert.deepEqual(await lmsErrors(['codegen', '--check', file]), { code: 0, stdout: '', stderr: '' });

  // The generated file edited by hand.
  const generated = await readFile(file, 'utf8');
  await writeFile(file, generated.replaceAll('\n', '\r\n')); // a CRLF checkout is the same file
  assert.equal((await lmsErrors(['codegen', '--check', file])).code, 0);
  await writeFile(file, generated.replace('Message: "update failed", Cause: "DB error on user/classroom update', 'Message: "could not update", Cause: "DB error on user/classroom update'));
  const edited = await lmsErrors(['codegen', '--check', file]);
  assert.equal(edited.code, 1);
  assert.match(edited.stdout, /^--- .*apperrors\.go\n\+\+\+ .*\(regenerated\)\n@@ -\d+,7 \+\d+,7 @@\n/);
  assert.match(edited.stdout, /\n-var ErrLmsAdm007 = &AppError\{.*Message: "could not update"/);
  assert.match(edited.stdout, /\n\+var ErrLmsAdm007 = &AppError\{.*Message: "update failed"/);
  assert.match(edited.stderr, /apperrors\.go differs from the catalogue/);

  // The catalogue's message edited: every generated file is stale (message and revision).
  const catalogue = join(dir, 'catalogue.json');
  await writeFile(file, generated);
  await writeFile(catalogue, catalogueWithMessage('lms', 'LMS-ADM-007', 'the update failed'));
  const stale = await lmsErrors(['codegen', '--check', file, '--catalogue', catalogue, '--json']);
  assert.equal(stale.code, 1);
  const [report] = JSON.parse(stale.stdout);
  assert.equal(report.upToDate, false);
  assert.match(report.diff, /\n-const CatalogueRevision = "[0-9a-f]{16}"\n\+const CatalogueRevision = "[0-9a-f]{16}"\n/);
  assert.match(report.diff, /\n\+var ErrLmsAdm007 = &AppError\{.*Message: "the update failed"/);
  assert.equal((await lmsErrors(['codegen', '--lang', 'go', '--dialect', 'lms', '--catalogue', catalogue, '--out', file])).code, 0);
  assert.equal((await lmsErrors(['codegen', '--check', file, '--catalogue', catalogue])).code, 0);

  // A file no generator wrote.
  await writeFile(join(dir, 'plain.ts'), 'export const x = 1;\n');
  const plain = await lmsErrors(['codegen', '--check', join(dir, 'plain.ts')]);
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /does not start with a "Generated by/);
});

test('the committed web/codes.d.ts is what codegen --lang dts writes', async () => {
  const result = await lmsErrors(['codegen', '--check', fileURLToPath(new URL('../../web/codes.d.ts', import.meta.url))]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

test('lint passes on the shipped locales and names every problem in a broken tree', async (t) => {
  const clean = await lmsErrors(['lint']);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '');

  const dir = await tempDir(t);
  const { cp } = await import('node:fs/promises');
  await cp(fileURLToPath(new URL('../../i18n/', import.meta.url)), dir, { recursive: true });
  const nestjs = JSON.parse(await readFile(join(dir, 'cy', 'nestjs.json'), 'utf8'));
  nestjs.NOT_FOUND = 'Ni chanfuwyd {{thing}}';
  delete nestjs.CONFLICT;
  nestjs.BOGUS = 'x';
  await writeFile(join(dir, 'cy', 'nestjs.json'), JSON.stringify(nestjs));
  await writeFile(join(dir, 'pl', 'okflag.json'), '{oops');
  const broken = await lmsErrors(['lint', dir]);
  assert.equal(broken.code, 1);
  const lines = broken.stdout.trim().split('\n');
  for (const expected of [
    'cy/nestjs.json: BOGUS: unknown key',
    'cy/nestjs.json: CONFLICT: missing',
    'cy/nestjs.json: NOT_FOUND: unknown placeholder {{thing}}',
  ]) {
    assert.ok(lines.includes(expected), `${expected}\n${broken.stdout}`);
  }
  assert.ok(lines.some((line) => line.startsWith('pl/okflag.json: : not valid JSON')), broken.stdout);
  assert.match(broken.stderr, /problems in/);
  const json = await lmsErrors(['lint', dir, '--json']);
  assert.ok(JSON.parse(json.stdout).includes('cy/nestjs.json: BOGUS: unknown key'));
});
