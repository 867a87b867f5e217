// The package's opt-in service worker (a module worker): the page shell for offline reloads, and
// delivery of the outbox after the tab is closed, where Background Sync exists (Chromium).
//
//   navigator.serviceWorker.register('/lms-errors/web/sw.js', { type: 'module', scope: '/pupil/' });
//
// Shell: on install the scope's page is cached; the page then posts the URLs it loaded
// (registerServiceWorker() in sw-register.js does it) and they are cached too, from the HTTP cache. Those URLs and navigations in scope are
// fetched network first (always fresh when online) and answered from the cache when the network
// fails. Nothing else is touched: API calls and other URLs go to the network as if there were no
// worker. Delivery: on the `sync` event the worker opens the outbox's own IndexedDB store and
// flushes it with the same Outbox class, the same Idempotency-Keys and the same rules
// (lms.decide()), for the owner the pages last signed in, under the same one-sender lock.
// Query parameters of the worker's URL: db (the outbox's dbName, default lms-errors-outbox).
import { init } from '../dist/lms-errors.js';
import { Outbox, SYNC_TAG, storedOwner } from './outbox.js';

const params = new URL(self.location.href).searchParams;
const DB_NAME = params.get('db') || 'lms-errors-outbox';
const CACHE = `lms-errors-shell:${new URL(self.registration.scope).pathname}`;
const MAX_SHELL_URLS = 100;

let lmsPromise = null;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(self.registration.scope, { cache: 'force-cache' })))
      .catch(() => {}) // offline while installing: the page's own cacheShell() message adds it later
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

const inScope = (url) => url.origin === self.location.origin && url.href.startsWith(self.registration.scope);

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'lms-errors:cache-shell' || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls
    .slice(0, MAX_SHELL_URLS)
    .map((text) => {
      try {
        return new URL(text, self.location.href);
      } catch {
        return null;
      }
    })
    .filter((url) => url && url.origin === self.location.origin);
  event.waitUntil(
    // force-cache: the copies the page just downloaded, from the HTTP cache, so caching the shell
    // costs no second download; network-first fetches keep them fresh afterwards.
    caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => cache.add(new Request(url.href, { cache: 'force-cache' })).catch(() => {})))),
  );
});

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone()).catch(() => {});
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (!inScope(url)) return;
    // Every ?locale=… of the page is the same shell.
    event.respondWith(networkFirst(request, new URL(url.pathname, url).href));
    return;
  }
  // Only what the shell holds; the rest (the API) is none of the worker's business.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => ((await cache.match(request)) ? networkFirst(request, request) : fetch(request))),
  );
});

async function deliverQueued() {
  lmsPromise ??= init();
  const lms = await lmsPromise;
  const outbox = new Outbox({ lms, dbName: DB_NAME, owner: await storedOwner(DB_NAME) });
  try {
    const { remaining, paused } = await outbox.flush();
    // Rejecting asks the browser to fire `sync` again later (with its own back-off). A queue
    // waiting for sign-in waits for a page instead.
    if (remaining > 0 && !paused) throw new Error(`lms-errors outbox: ${remaining} item(s) still waiting`);
  } finally {
    outbox.close();
  }
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(deliverQueued());
});
