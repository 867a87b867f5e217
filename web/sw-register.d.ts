// Types for web/sw-register.js.

/** Registers web/sw.js (a module worker) and hands it the page's shell; null where unsupported. */
export function registerServiceWorker(
  scriptUrl: string | URL,
  options?: { scope?: string; shell?: (url: URL) => boolean },
): Promise<ServiceWorkerRegistration | null>;
