// The package as users get it: `npm pack` ships only runtime files, and the packed tarball
// works from a fresh project in Node with no Emscripten anywhere on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args, options = {}) => run('npm', args, { cwd: root, maxBuffer: 1 << 26, ...options });

test('npm pack ships only runtime files', async () => {
  const { stdout } = await npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
  const [{ files }] = JSON.parse(stdout);
  const paths = files.map((file) => file.path).sort();
  for (const required of ['dist/lms-errors.js', 'dist/lms-errors-tools.js', 'web/tools.js', 'dist/lms_core.wasm', 'dist/lms_tools.wasm', 'dist/catalogue.json', 'web/index.js', 'web/node.js', 'web/index.d.ts', 'bin/lms-errors.js', 'README.md', 'package.json', 'LICENSE',
    'web/normalize.js', 'web/nestjs.js', 'web/nestjs.d.ts', ...['tanstack-query', 'ky', 'axios'].flatMap((name) => [`web/adapters/${name}.js`, `web/adapters/${name}.d.ts`])]) {
    assert.ok(paths.includes(required), `missing ${required}`);
  }
  for (const path of paths) {
    assert.doesNotMatch(path, /^(tests|wasm|bindings|build|scripts|bench|\.ci)\//, `${path} should not ship`);
    assert.doesNotMatch(path, /\.(cpp|hpp|cmake)$/, `${path} should not ship`);
  }
  assert.ok(paths.some((path) => path.startsWith('catalogue/')), 'catalogue/ ships');
});

test('the packed tarball works in a fresh project with no Emscripten on PATH', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lms-errors-pack-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir]);
  const [{ filename }] = JSON.parse(stdout);
  const app = join(dir, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, filename)], { cwd: app });
  await writeFile(
    join(app, 'main.js'),
    `import { init } from 'lms-errors';
const lms = await init();
const entry = lms.lookup('LMS-ADM-007');
console.log(JSON.stringify({ status: entry.status, message: entry.message, count: lms.entries().length }));
`,
  );
  // PATH holds only node: no emcc, no cmake, no compiler.
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await symlink(process.execPath, join(bin, 'node'));
  const result = await run(join(bin, 'node'), ['main.js'], { cwd: app, env: { PATH: bin } });
  const printed = JSON.parse(result.stdout);
  assert.equal(printed.status, 500);
  assert.equal(printed.message, 'update failed');
  assert.ok(printed.count >= 150);
  const cli = await run(join(bin, 'node'), [join(app, 'node_modules/.bin/lms-errors'), 'lookup', 'LMS-AUTH-007'], { cwd: app, env: { PATH: bin } });
  assert.match(cli.stdout, /status: {2}423/);
});
