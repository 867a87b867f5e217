// A plain webpack 5 production build: no loaders or plugins for lms-errors.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  context: fileURLToPath(new URL('./', import.meta.url)),
  output: { path: fileURLToPath(new URL('./dist/', import.meta.url)), filename: 'main.js', clean: true },
  performance: { hints: false },
};
