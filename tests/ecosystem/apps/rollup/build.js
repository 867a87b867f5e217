// Rollup (its WebAssembly build, @rollup/wasm-node: this registry lacks rollup's native binaries
// for other platforms) with node-resolve; the locales become chunks by themselves, the .wasm is
// copied beside the bundle as a copy plugin would.
import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rollup } from '@rollup/wasm-node';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const bundle = await rollup({ input: 'main.js', plugins: [nodeResolve({ browser: true })] });
await bundle.write({ dir: 'dist', format: 'es' });
await bundle.close();
await copyFile(fileURLToPath(import.meta.resolve('lms-errors/lms_core.wasm')), 'dist/lms_core.wasm');
