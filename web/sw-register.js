// Registers the package's service worker (web/sw.js) for a page, and hands it the page's shell:
// the page itself and the same-origin files it loaded, so that a reload while offline opens.
//
//   import { registerServiceWorker } from 'lms-errors/sw-register.js';
//   registerServiceWorker('/lms-errors/web/sw.js', { scope: '/pupil/' });
//
// Opt-in and best effort: where service workers or module workers are missing (or the page is
// not a secure context) it resolves to null and the page works as before, online.

// What counts as the shell by default: files, not API answers.
const SHELL_FILE = /\.(?:html|m?js|css|wasm|json|svg|png|webp|woff2?|ico)$/i;

/**
 * @param {string | URL} scriptUrl where web/sw.js is served (its imports are relative to it)
 * @param {{ scope?: string, shell?: (url: URL) => boolean }} [options]
 * @returns {Promise<ServiceWorkerRegistration | null>}
 */
export async function registerServiceWorker(scriptUrl, { scope, shell = (url) => SHELL_FILE.test(url.pathname) } = {}) {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return null;
  let registration;
  try {
    registration = await container.register(scriptUrl, { type: 'module', ...(scope ? { scope } : {}) });
  } catch (error) {
    console.warn('lms-errors: the service worker was not registered:', error);
    return null;
  }
  const worker = registration.active ?? registration.waiting ?? registration.installing;
  const urls = [
    location.href,
    ...performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && shell(url))
      .map((url) => url.href),
  ];
  const post = (target) => target?.postMessage({ type: 'lms-errors:cache-shell', urls: [...new Set(urls)] });
  if (worker?.state === 'activated') post(worker);
  else container.ready.then((ready) => post(ready.active)).catch(() => {});
  return registration;
}
