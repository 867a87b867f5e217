// What every tiny app checks with the package it was built with (copied into each app by the
// harness, ecosystem.test.js, which compares the result with the shipped locale files).
// `init` is the app's own import of lms-errors; `options` what the setup needs (esbuild: wasmUrl).
export async function runChecks(init, options = {}) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.map(String).join(' '));
  try {
    const plain = await init({ ...options });
    const welsh = await init({ ...options, locales: ['cy'] });
    const german = await init({ ...options, locales: ['de'] });
    // An lms envelope as the LMS backend sends it: parse it, then one line per locale.
    const error = plain.parse({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"code":"LMS-ADM-007","error":"update failed"}',
    });
    return {
      english: plain.translate('ui.retryIn', { count: 3 }),
      line: plain.format(error),
      welsh: welsh.format(error, { locale: 'cy' }),
      german: german.format(error, { locale: 'de' }),
      warnings,
    };
  } finally {
    console.warn = warn;
  }
}
