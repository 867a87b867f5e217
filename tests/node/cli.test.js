// The CLI runs the same WASM; its generated code compiles in the servers' languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/lms-errors.js', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

async function lmsErrors(...args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

async function tempDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'lms-errors-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('lookup prints status, message, cause, retry class and action', async () => {
  const { code, stdout } = await lmsErrors('lookup', 'LMS-ADM-007');
  assert.equal(code, 0);
  assert.match(stdout, /status: {2}500/);
  assert.match(stdout, /message: update failed/);
  assert.match(stdout, /cause: {3}DB error on user\/classroom update/);
  assert.match(stdout, /retry: {3}transient/);
  assert.match(stdout, /action: {2}retry/);
  const nest = await lmsErrors('lookup', 'DATABASE_ERROR', '--dialect', 'nestjs', '--json');
  assert.equal(JSON.parse(nest.stdout).status, 400);
});

test('errors go to stderr with a non-zero exit', async () => {
  const missing = await lmsErrors('lookup', 'NOPE-001');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /NOPE-001 is not in the catalogue/);
  const unknown = await lmsErrors('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const badDialect = await lmsErrors('lookup', 'X', '--dialect', 'soap');
  assert.equal(badDialect.code, 1);
  assert.match(badDialect.stderr, /unknown dialect "soap"/);
  const badLang = await lmsErrors('codegen', '--lang', 'cobol');
  assert.equal(badLang.code, 2);
  assert.equal(badLang.stdout, '');
});

test('--help on every command', async () => {
  for (const args of [['--help'], ['lookup', '--help'], ['parse', '--help'], ['lint', '--help'], ['codegen', '--help']]) {
    const { code, stdout } = await lmsErrors(...args);
    assert.equal(code, 0, args.join(' '));
    assert.match(stdout, /^Usage: lms-errors/);
  }
});

test('codegen --lang go compiles with the Go toolchain', async (t) => {
  const dir = await tempDir(t);
  const all = await lmsErrors('codegen', '--lang', 'go');
  assert.equal(all.code, 0, all.stderr);
  const lmsOnly = await lmsErrors('codegen', '--lang', 'go', '--dialect', 'lms');
  await writeFile(join(dir, 'go.mod'), 'module example.com/apperrors\n\ngo 1.19\n');
  await writeFile(join(dir, 'apperrors.go'), all.stdout);
  await writeFile(
    join(dir, 'apperrors_test.go'),
    `package apperrors

import "testing"

func TestTable(t *testing.T) {
	e, ok := Lookup("lms", "LMS-ADM-007")
	if !ok || e.Status != 500 || e.Message != "update failed" || ErrLmsAdm007 != e {
		t.Fatalf("LMS-ADM-007: %+v %v", e, ok)
	}
	if ErrLmsAdm019.Message != "classroom has pupils \u2014 reassign them first" {
		t.Fatalf("em dash lost: %q", ErrLmsAdm019.Message)
	}
	if d, _ := Lookup("nestjs", "DATABASE_ERROR"); d.Status != 400 {
		t.Fatalf("nestjs DATABASE_ERROR: %+v", d)
	}
	if len(All) < 150 {
		t.Fatalf("only %d entries", len(All))
	}
}
`,
  );
  const env = { ...process.env, GOCACHE: join(dir, '.cache'), GOPATH: join(dir, '.gopath'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off' };
  const result = await run('go', ['test', './...'], { cwd: dir, env }).catch((error) => error);
  assert.ok(!(result instanceof Error), `go test failed:\n${result.stdout}\n${result.stderr}`);
  assert.equal(lmsOnly.stdout.match(/= AppError\{/g).length, 63);
});

test('codegen --lang ts type-checks with tsc --strict and has the enum a NestJS server uses', async (t) => {
  const dir = await tempDir(t);
  const nest = await lmsErrors('codegen', '--lang', 'ts', '--dialect', 'nestjs');
  const all = await lmsErrors('codegen', '--lang', 'ts');
  await writeFile(join(dir, 'error-codes.ts'), nest.stdout);
  await writeFile(join(dir, 'all-codes.ts'), all.stdout);
  await writeFile(
    join(dir, 'usage.ts'),
    `import { ErrorCode, ERRORS } from './error-codes';
import { LmsErrorCode, LmsErrors, WrappedErrors, WrappedErrorCode } from './all-codes';
const notFound: ErrorCode = ErrorCode.NOT_FOUND;
const status: number = ERRORS[notFound].status;
const params: readonly string[] = ERRORS[ErrorCode.SETUP_STEP_MISMATCH].params;
const adm: string = LmsErrors[LmsErrorCode.LMS_ADM_007].message;
const wrapped: 'transient' | 'throttle' | 'never' = WrappedErrors[WrappedErrorCode.DATABASE_ERROR].retry;
// @ts-expect-error: codes outside the catalogue are not ErrorCodes
const bogus: ErrorCode = 'NOT_A_CODE';
export { status, params, adm, wrapped, bogus };
`,
  );
  const result = await run(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2020', '--module', 'es2020', '--moduleResolution', 'node', join(dir, 'usage.ts')]).catch((error) => error);
  assert.ok(!(result instanceof Error), `tsc failed:\n${result.stdout}\n${result.stderr}`);
});

test('parse reads the body from stdin and prints the normalized error', async () => {
  const body = JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 45 seconds.' } });
  const child = execFile(process.execPath, [cli, 'parse', '--status', '429', '--header', 'X-RateLimit-Limit: 100', '--header', 'X-RateLimit-Remaining: 0', '--header', 'X-RateLimit-Reset: 1709900400', '--now', '1709900355000']);
  child.stdin.end(body);
  const stdout = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}`))));
  });
  const error = JSON.parse(stdout);
  assert.equal(error.dialect, 'wrapped');
  assert.equal(error.code, 'RATE_LIMITED');
  assert.equal(error.known, true);
  assert.deepEqual(error.rateLimit, { limit: 100, remaining: 0, resetAt: 1709900400000 });
  const bad = await lmsErrors('parse', '--status', 'abc');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--status/);
});

test('lint passes on the shipped locales and names every problem in a broken tree', async (t) => {
  const clean = await lmsErrors('lint');
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(clean.stdout, '');

  const dir = await tempDir(t);
  const { cp, readFile: read } = await import('node:fs/promises');
  await cp(fileURLToPath(new URL('../../i18n/', import.meta.url)), dir, { recursive: true });
  const nestjs = JSON.parse(await read(join(dir, 'cy', 'nestjs.json'), 'utf8'));
  nestjs.NOT_FOUND = 'Ni chanfuwyd {{thing}}';
  delete nestjs.CONFLICT;
  nestjs.BOGUS = 'x';
  await writeFile(join(dir, 'cy', 'nestjs.json'), JSON.stringify(nestjs));
  await writeFile(join(dir, 'pl', 'okflag.json'), '{oops');
  const broken = await lmsErrors('lint', dir);
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
});
