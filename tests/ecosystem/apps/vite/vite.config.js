// What the README tells Vite users to write (dev pre-bundling would lose the .wasm URL).
export default { optimizeDeps: { exclude: ['lms-errors'] } };
