// Jest preset ("preset": "lms-errors"): Jest's jsdom environment leaves out TextEncoder and
// TextDecoder, which browsers and Node both have and the package needs; this puts Node's in.
module.exports = { setupFiles: [require.resolve('./jest-setup.cjs')] };
