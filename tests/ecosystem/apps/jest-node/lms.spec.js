// Jest's default CommonJS mode, node environment (servers' tests): no preset, no setup.
const { init } = require('lms-errors');
const { runChecks } = require('./checks.cjs');

test('lms-errors translates, falls back and formats', async () => {
  expect(await runChecks(init)).toEqual(JSON.parse(process.env.LMS_EXPECTED));
});
