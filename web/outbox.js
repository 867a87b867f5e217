// An outbox for requests that must arrive exactly once (a pupil's answer). Nothing in it is
// ever deleted silently: an item leaves only when the server took it, or when the app removes it.
//
// Exactly once comes from two rules together: the item is written BEFORE the first send and
// deleted only after a 2xx, so a reload or crash mid-send leaves it here to be sent again; and
// every send carries the item's Idempotency-Key, so the server stores a repeat only once.
//
//   const outbox = new Outbox({ lms });                 // sends itself, classifies with lms.decide()
//   outbox.setOwner('pupil-7');                         // after sign-in: only their items are sent
//   await outbox.add({ idempotencyKey, url, body, owner: 'pupil-7' });
//   outbox.start();                                     // now, on `online`, and every intervalMs
//
// Each attempt ends in one outcome (outcomeOf below):
//   'delivered'     2xx: removed, `delivered` event
//   'later'         offline, timeout, 408, 429, 5xx: kept for the next round
//   'sign-in'       401, or 403 whose action is refresh/login: kept, the queue pauses and fires
//                   `auth-required` until setOwner() or resume() (or the refreshToken hook's token)
//   'not-accepted'  another 4xx (the item's own fault): moved to the not-accepted list, with its
//                   error, `not-accepted` event (and `rejected`, its old name)
// Storage: IndexedDB, shared by tabs and the service worker (web/sw.js); when IndexedDB is
// missing or fails (blocked, quota) new items are kept in memory and `storage` fires with
// 'memory': the app must tell the user to keep the page open until they are sent.
// Tabs: one sender at a time (Web Locks, else a lease in IndexedDB); every change is announced
// on a BroadcastChannel so each tab's counts follow the shared queue.
import { IndexedDbStore, MemoryStore } from './outbox-store.js';

const LEASE_MS = 30000;
export const SYNC_TAG = 'lms-errors-outbox';

/**
 * The outcome of one failed attempt, from the normalized error and lms.decide()'s decision:
 * 'later', 'sign-in' or 'not-accepted'. (A 2xx is 'delivered' and never gets here.)
 */
export function outcomeOf(error, decision) {
  const status = Number(error?.status) || 0;
  const action = decision?.action;
  if (status === 401 || (status === 403 && (action === 'refresh' || action === 'login'))) return 'sign-in';
  if (decision?.retry || action === 'retry' || action === 'wait') return 'later';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'later';
  if (status >= 400) return 'not-accepted';
  return 'later';
}

const OUTCOMES = new Set(['delivered', 'later', 'sign-in', 'not-accepted']);
const ownerOf = (item) => item.owner ?? null;
// The items of `owner` (every owner's when undefined), oldest first.
const ownedOldestFirst = (items, owner) =>
  items.filter((item) => owner === undefined || ownerOf(item) === owner).sort((a, b) => a.createdAt - b.createdAt);

/** Sends an item with fetch and classifies the answer with `lms` (parse + decide). */
function sender(lms, fetchImpl, headers) {
  return async (item, { token } = {}) => {
    const extra = typeof headers === 'function' ? await headers(item) : headers;
    const requestHeaders = new Headers({ 'content-type': 'application/json', ...extra, 'idempotency-key': item.idempotencyKey });
    if (typeof token === 'string') requestHeaders.set('authorization', `Bearer ${token}`);
    let response;
    try {
      response = await fetchImpl(item.url, { method: 'POST', headers: requestHeaders, body: item.body, credentials: 'same-origin' });
    } catch {
      return { error: lms.networkError('offline') };
    }
    const body = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (response.ok) {
      let result = null;
      try {
        result = body.length > 0 ? JSON.parse(new TextDecoder().decode(body)) : null;
      } catch {
        // a 2xx whose body is not JSON was still delivered
      }
      return { outcome: 'delivered', result };
    }
    const error = lms.parse({ status: response.status, headers: response.headers, body });
    return { error, decision: lms.decide(error, { attempt: 1, method: 'POST', idempotencyKey: item.idempotencyKey }) };
  };
}

export class Outbox extends EventTarget {
  #lms;
  #send;
  #dbName;
  #intervalMs;
  #refreshToken;
  #now;
  #token = undefined;
  #disk; // IndexedDbStore, or null when IndexedDB could not even be opened
  #memory = new MemoryStore();
  #storage = 'indexeddb';
  #owner = null;
  #paused = false;
  #held = new Set(); // keys being sent right now by this page
  #tabId = Math.random().toString(36).slice(2);
  #channel = null;
  #flushing = null;
  #timer = 0;
  #ready;
  // Background rounds report failures as an `error` event, never as an unhandled rejection.
  #onOnline = () => this.flush().catch((error) => this.#emit('error', { error }));

  /**
   * @param {{ lms?, send?, fetch?, headers?, owner?, refreshToken?, dbName?: string,
   *           intervalMs?: number, storage?: 'indexeddb'|'memory', now?: () => number }} options
   */
  constructor({ lms, send, fetch: fetchImpl, headers, owner = null, refreshToken, dbName = 'lms-errors-outbox', intervalMs = 15000, storage, now = Date.now } = {}) {
    super();
    if (send !== undefined && typeof send !== 'function') throw new TypeError('new Outbox({ send }): send must be a function');
    if (send === undefined && !lms) throw new TypeError('new Outbox({ lms } or { send }): give an lms instance (the outbox sends itself) or a send function');
    if (refreshToken !== undefined && typeof refreshToken !== 'function') throw new TypeError('new Outbox({ refreshToken }): refreshToken must be a function');
    if (storage !== undefined && storage !== 'indexeddb' && storage !== 'memory') throw new TypeError("new Outbox({ storage }): 'indexeddb' or 'memory'");
    this.#lms = lms ?? null;
    this.#send = send ?? sender(lms, fetchImpl ?? ((...args) => globalThis.fetch(...args)), headers);
    this.#dbName = dbName;
    this.#intervalMs = intervalMs;
    this.#refreshToken = refreshToken;
    this.#now = now;
    this.#owner = owner;
    this.#disk = storage === 'memory' ? null : new IndexedDbStore(dbName);
    if (!this.#disk) this.#storage = 'memory';
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(dbName);
      this.#channel.onmessage = () => this.#changed(false);
    }
    // Open now, so the storage mode is known early; a failure is the memory fallback, not an error.
    this.#ready = this.#disk ? this.#disk.open().then(() => undefined, (error) => {
          this.#disk = null; // not reachable at all: do not wait for it again
          this.#fallBack(error);
        }) : Promise.resolve();
  }

  /** 'indexeddb', or 'memory' once IndexedDB failed (new items then live only in this page). */
  get storage() {
    return this.#storage;
  }

  /** The owner whose items are sent (null: items without an owner). */
  get owner() {
    return this.#owner;
  }

  /** True while the queue waits for a sign-in. */
  get paused() {
    return this.#paused;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #fallBack(error) {
    const first = this.#storage !== 'memory';
    this.#storage = 'memory';
    if (first) this.#emit('storage', { storage: 'memory', error });
  }

  // Reads from both places (disk may fail: then what memory holds).
  async #all(store) {
    await this.#ready;
    const onDisk = this.#disk ? await this.#disk.getAll(store).catch(() => []) : [];
    const seen = new Set(onDisk.map((item) => item.idempotencyKey));
    return [...onDisk, ...(await this.#memory.getAll(store)).filter((item) => !seen.has(item.idempotencyKey))];
  }

  async #get(store, key) {
    await this.#ready;
    return (await this.#memory.get(store, key)) ?? (this.#disk ? await this.#disk.get(store, key).catch(() => undefined) : undefined);
  }

  // Writes go to IndexedDB while it works, else to memory (the item is never dropped).
  async #put(store, value) {
    await this.#ready;
    if (this.#disk && this.#storage === 'indexeddb') {
      try {
        await this.#disk.put(store, value);
        return;
      } catch (error) {
        this.#fallBack(error);
      }
    }
    await this.#memory.put(store, value);
  }

  async #delete(store, key) {
    await this.#ready;
    await this.#memory.delete(store, key);
    if (this.#disk) await this.#disk.delete(store, key).catch(() => {});
  }

  /** Counts of the shared queue: { waiting (this owner's), others (other owners'), notAccepted, storage, paused }. */
  async stats() {
    const waiting = await this.#all('outbox');
    const mine = waiting.filter((item) => ownerOf(item) === this.#owner).length;
    const notAccepted = (await this.#all('notAccepted')).filter((item) => ownerOf(item) === this.#owner).length;
    return { waiting: mine, others: waiting.length - mine, notAccepted, storage: this.#storage, paused: this.#paused };
  }

  async #changed(announce = true) {
    if (announce) this.#channel?.postMessage('change');
    const stats = await this.stats();
    this.#emit('change', { count: stats.waiting, ...stats });
  }

  /** Stores an item (before its first send). Resolves to the stored item. */
  async add({ idempotencyKey, url, body, owner }) {
    if (typeof idempotencyKey !== 'string' || idempotencyKey === '') throw new TypeError('outbox.add: idempotencyKey must be a non-empty string');
    if (typeof url !== 'string') throw new TypeError('outbox.add: url must be a string');
    if (typeof body !== 'string') throw new TypeError('outbox.add: body must be a string');
    if (owner !== undefined && owner !== null && typeof owner !== 'string') throw new TypeError('outbox.add: owner must be a string');
    const item = { idempotencyKey, url, body, createdAt: this.#now(), ...(owner ? { owner } : {}) };
    await this.#put('outbox', item);
    await this.#changed();
    this.#requestSync();
    return item;
  }

  /** Deletes a waiting item (the app's own decision, e.g. after it delivered it itself). */
  async remove(idempotencyKey) {
    await this.#delete('outbox', idempotencyKey);
    await this.#changed();
  }

  /** Waiting items, oldest first: every owner's, or one owner's ({ owner }). */
  async list({ owner } = {}) {
    return ownedOldestFirst(await this.#all('outbox'), owner);
  }

  /** Waiting items of the current owner. */
  async count() {
    return (await this.stats()).waiting;
  }

  /** Items the server will not accept, oldest first, each with { error, decision, notAcceptedAt }. */
  async notAccepted({ owner = this.#owner } = {}) {
    return ownedOldestFirst(await this.#all('notAccepted'), owner);
  }

  /** Why an item was not accepted, in words for `audience` (needs the lms instance). */
  reason(item, { locale, audience = 'pupil' } = {}) {
    if (!item?.error) return '';
    if (this.#lms) return this.#lms.format(item.error, { locale, audience });
    return `${item.error.message ?? ''} [${item.error.code ?? item.error.status}]`.trim();
  }

  /**
   * The not-accepted list as text for a teacher: 'csv' (one row per item) or 'json'.
   * Every owner's items unless { owner } is given.
   */
  async exportNotAccepted({ format = 'csv', locale, owner } = {}) {
    const rows = (await this.notAccepted({ owner })).map((item) => ({
      owner: item.owner ?? '',
      idempotencyKey: item.idempotencyKey,
      url: item.url,
      body: item.body,
      createdAt: new Date(item.createdAt).toISOString(),
      notAcceptedAt: new Date(item.notAcceptedAt).toISOString(),
      code: item.error?.code ?? '',
      status: item.error?.status ?? 0,
      reason: this.reason(item, { locale, audience: 'teacher' }),
    }));
    if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
    if (format !== 'csv') throw new TypeError("exportNotAccepted: format must be 'csv' or 'json'");
    const columns = ['owner', 'idempotencyKey', 'url', 'body', 'createdAt', 'notAcceptedAt', 'code', 'status', 'reason'];
    // RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets never run it.
    const cell = (value) => {
      const text = String(value).replace(/^[=+\-@\t\r]/, "'$&");
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    return `${[columns, ...rows.map((row) => columns.map((name) => row[name]))].map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
  }

  /** Puts a not-accepted item back in the queue (e.g. after the server was fixed) and sends it. */
  async retryNotAccepted(idempotencyKey) {
    const item = await this.#get('notAccepted', idempotencyKey);
    if (!item) return false;
    const { error, decision, notAcceptedAt, ...waiting } = item;
    await this.#put('outbox', waiting);
    await this.#delete('notAccepted', idempotencyKey);
    await this.#changed();
    this.#onOnline();
    return true;
  }

  /** Deletes a not-accepted item: only on an explicit request (e.g. after the teacher exported it). */
  async discardNotAccepted(idempotencyKey) {
    await this.#delete('notAccepted', idempotencyKey);
    await this.#changed();
  }

  /**
   * Who is signed in: only their items are sent from now on (others wait for their owner), and a
   * queue paused for sign-in resumes. null after sign-out: items without an owner only.
   * Stored, so the service worker sends for the same owner.
   */
  async setOwner(owner) {
    if (owner !== null && typeof owner !== 'string') throw new TypeError('outbox.setOwner: owner must be a string or null');
    this.#owner = owner;
    this.#token = undefined;
    await this.#putMeta('owner', owner);
    await this.#changed();
    if (owner === null) {
      this.#paused = false;
      return;
    }
    this.resume();
  }

  /** After the app signed the user in again (same owner): sends the waiting items again. */
  resume(token) {
    if (typeof token === 'string') this.#token = token;
    this.#paused = false;
    this.#onOnline();
  }

  async #putMeta(key, value) {
    try {
      await this.#put('meta', { key, value });
    } catch (error) {
      this.#emit('error', { error });
    }
  }

  /** Runs `work` while `key` is being sent by the app, so no flush (in any tab) sends it too. */
  async hold(idempotencyKey, work) {
    this.#held.add(idempotencyKey);
    try {
      if (globalThis.navigator?.locks) return await navigator.locks.request(this.#itemLock(idempotencyKey), () => work());
      return await work();
    } finally {
      this.#held.delete(idempotencyKey);
    }
  }

  #itemLock(key) {
    return `${this.#dbName}:item:${key}`;
  }

  /**
   * Sends one waiting item now (e.g. right after add()), with `send` for this attempt if given,
   * and settles it like a flush would. Resolves to { outcome, result, error, decision }.
   */
  async deliver(idempotencyKey, send = this.#send) {
    return this.hold(idempotencyKey, async () => {
      const item = await this.#get('outbox', idempotencyKey);
      if (!item) return { outcome: 'gone' };
      return this.#attempt(item, send);
    });
  }

  // One attempt and its consequences. Runs with the item held. `refreshed`: the refreshToken
  // hook was asked for this item already (it is asked once, then the queue pauses).
  async #attempt(item, send = this.#send, refreshed = false) {
    let answer;
    try {
      answer = await send(item, { token: this.#token });
    } catch (error) {
      answer = { outcome: 'later', error: this.#lms?.networkError('offline') ?? null, cause: error };
    }
    let settled = typeof answer === 'string' ? { outcome: answer } : { ...answer };
    if (settled.outcome === 'rejected') settled.outcome = 'not-accepted';
    if (!OUTCOMES.has(settled.outcome)) settled.outcome = settled.error ? outcomeOf(settled.error, settled.decision) : 'later';

    if (settled.outcome === 'sign-in' && this.#refreshToken && !refreshed) {
      let token;
      try {
        token = await this.#refreshToken();
      } catch {
        token = undefined;
      }
      if (token !== undefined && token !== null) {
        this.#token = typeof token === 'string' ? token : '';
        return this.#attempt(item, send, true); // the same key, once more
      }
    }
    const { error = null, decision = null, result } = settled;
    switch (settled.outcome) {
      case 'delivered':
        await this.#delete('outbox', item.idempotencyKey);
        this.#emit('delivered', { item, result });
        break;
      case 'not-accepted': {
        const kept = { ...item, error, decision, notAcceptedAt: this.#now() };
        await this.#put('notAccepted', kept);
        await this.#delete('outbox', item.idempotencyKey);
        const detail = { item: kept, result: result ?? { error, decision }, error, decision };
        this.#emit('not-accepted', detail);
        this.#emit('rejected', detail);
        break;
      }
      case 'sign-in':
        this.#paused = true;
        this.#emit('auth-required', { item, owner: this.#owner, error, decision });
        break;
      default:
        break;
    }
    if (settled.outcome !== 'later') await this.#changed();
    return settled;
  }

  /** Sends the current owner's waiting items once. Resolves to { delivered, remaining, notAccepted, paused }. */
  flush() {
    this.#flushing ??= this.#flushOnce().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #flushOnce() {
    const run = async () => {
      let delivered = 0;
      let notAccepted = 0;
      for (const listed of await this.list({ owner: this.#owner })) {
        if (this.#paused) break;
        if (this.#held.has(listed.idempotencyKey)) continue;
        const settled = await this.#holdIfFree(listed.idempotencyKey, async () => {
          const item = await this.#get('outbox', listed.idempotencyKey); // another tab may have sent it
          return item && ownerOf(item) === this.#owner ? this.#attempt(item) : null;
        });
        if (settled?.outcome === 'delivered') delivered += 1;
        if (settled?.outcome === 'not-accepted') notAccepted += 1;
      }
      return { delivered, remaining: await this.count(), notAccepted, paused: this.#paused };
    };
    if (this.#paused) return { delivered: 0, remaining: await this.count(), notAccepted: 0, paused: true };
    // One sender at a time across tabs and the service worker; the others skip this round.
    const result = await this.#exclusive(`${this.#dbName}:flush`, run);
    return result ?? { delivered: 0, remaining: await this.count(), notAccepted: 0, paused: this.#paused };
  }

  // `work` under the item's lock if nobody (no tab) holds it; null when someone does.
  async #holdIfFree(key, work) {
    if (globalThis.navigator?.locks) {
      return navigator.locks.request(this.#itemLock(key), { ifAvailable: true }, (lock) => (lock ? this.#holding(key, work) : null));
    }
    return this.#holding(key, work);
  }

  async #holding(key, work) {
    this.#held.add(key);
    try {
      return await work();
    } finally {
      this.#held.delete(key);
    }
  }

  // Web Locks where they exist; else a lease record in IndexedDB (expires after LEASE_MS, so a
  // closed tab cannot keep it). null: another sender holds it.
  async #exclusive(name, work) {
    if (globalThis.navigator?.locks) return navigator.locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : null));
    await this.#ready;
    if (!this.#disk || this.#storage === 'memory') return work(); // nothing shared to guard
    const now = this.#now();
    let mine = false;
    try {
      await this.#disk.update('meta', `lease:${name}`, (lease) => {
        if (lease && lease.value.holder !== this.#tabId && lease.value.until > now) return undefined;
        mine = true;
        return { key: `lease:${name}`, value: { holder: this.#tabId, until: now + LEASE_MS } };
      });
    } catch {
      return work(); // the lease cannot be written: send anyway, the Idempotency-Key dedupes
    }
    if (!mine) return null;
    try {
      return await work();
    } finally {
      await this.#disk.update('meta', `lease:${name}`, (lease) => (lease?.value.holder === this.#tabId ? { key: `lease:${name}`, value: { holder: null, until: 0 } } : undefined)).catch(() => {});
    }
  }

  // Asks the service worker (web/sw.js) to deliver after the tab is closed, where Background Sync exists.
  #requestSync() {
    const container = globalThis.navigator?.serviceWorker;
    if (!container?.controller || this.#storage !== 'indexeddb') return;
    container.ready.then((registration) => registration.sync?.register(SYNC_TAG)).catch(() => {});
  }

  /** Flushes now, whenever the browser comes back online, and every `intervalMs`. */
  start() {
    if (this.#timer) return this;
    globalThis.addEventListener?.('online', this.#onOnline);
    this.#timer = setInterval(this.#onOnline, this.#intervalMs);
    this.#onOnline();
    return this;
  }

  stop() {
    globalThis.removeEventListener?.('online', this.#onOnline);
    clearInterval(this.#timer);
    this.#timer = 0;
  }

  /** Stops and closes the BroadcastChannel (lets Node exit). */
  close() {
    this.stop();
    this.#channel?.close();
    this.#channel = null;
  }
}

/** The owner the pages last signed in (for the service worker, which has no page to ask). */
export async function storedOwner(dbName = 'lms-errors-outbox') {
  const record = await new IndexedDbStore(dbName).get('meta', 'owner');
  return record?.value ?? null;
}
