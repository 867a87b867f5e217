// What the type tests share: a throw-away app folder where `lms-errors` resolves to this package,
// and tsc --strict over one source file in it.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** A new app folder with node_modules/lms-errors linked to the package; removed after test `t`. */
export async function typeScriptApp(t, prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'node_modules'));
  await symlink(root, join(dir, 'node_modules/lms-errors'), 'dir');
  return dir;
}

/** tsc --strict over `source` as dir/app.ts: '' when it type-checks, else tsc's output. */
export async function typeCheck(dir, source) {
  await writeFile(join(dir, 'app.ts'), source);
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', join(dir, 'app.ts')];
  return run(process.execPath, [tsc, ...args], { cwd: dir }).then(() => '', (error) => `${error.stdout}${error.stderr}`);
}
