// Jest's default CommonJS mode with jsdom and the package's preset: require('lms-errors').
const { init } = require('lms-errors');
const { runChecks } = require('./checks.cjs');

test('lms-errors translates, falls back and formats', async () => {
  expect(typeof document).toBe('object'); // jsdom is in force
  expect(await runChecks(init)).toEqual(JSON.parse(process.env.LMS_EXPECTED));
});
