// Jest setup file (see jest-preset.cjs; or list 'lms-errors/jest-setup' in setupFiles yourself):
// Node's TextEncoder and TextDecoder where the test environment has none (jsdom).
const { TextDecoder, TextEncoder } = require('node:util');

globalThis.TextEncoder ??= TextEncoder;
globalThis.TextDecoder ??= TextDecoder;
