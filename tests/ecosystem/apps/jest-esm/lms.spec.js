// Jest in ESM mode (--experimental-vm-modules) with jsdom and the package's preset ("preset": "lms-errors").
import { init } from 'lms-errors';
import { runChecks } from './checks.js';

test('lms-errors translates, falls back and formats', async () => {
  expect(typeof document).toBe('object'); // jsdom is in force
  expect(await runChecks(init)).toEqual(JSON.parse(process.env.LMS_EXPECTED));
});
