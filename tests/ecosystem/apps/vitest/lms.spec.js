// Vitest with a DOM environment (jsdom or happy-dom, --environment): no setup file, no polyfills.
import { expect, test } from 'vitest';
import { init } from 'lms-errors';
import { runChecks } from './checks.js';

test('lms-errors translates, falls back and formats', async () => {
  expect(typeof document).toBe('object'); // the DOM environment is in force
  expect(await runChecks(init)).toEqual(JSON.parse(process.env.LMS_EXPECTED));
});
