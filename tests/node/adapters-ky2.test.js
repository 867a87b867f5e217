// tests/node/adapters.test.js again with ky 2 (what `npm install ky` gives; the `ky`
// devDependency is 1.14, the oldest the peer range allows): ky 2 calls hooks with one object,
// wraps fetch's TypeError in its NetworkError and reads an HTTPError's body into `.data`.
// For this process 'ky' resolves to the `ky-2` devDependency (npm:ky@^2), in the tests and in
// lms-errors/ky alike.
import { register } from 'node:module';
import assert from 'node:assert/strict';

register(`data:text/javascript,${encodeURIComponent(
  "export async function resolve(specifier, context, next) { return next(specifier === 'ky' ? 'ky-2' : specifier, context); }",
)}`);

// ky 2, not 1: only ky 2 exports NetworkError.
const { NetworkError } = await import('ky');
assert.equal(typeof NetworkError, 'function', "'ky' resolves to ky 2 here");
await import('./adapters.test.js');
