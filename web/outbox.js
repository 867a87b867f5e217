// An IndexedDB outbox for requests that must arrive exactly once (a pupil's answer).
//
// Exactly once comes from two rules together: the item is written BEFORE the first send and
// deleted only after a 2xx, so a reload or crash mid-send leaves it here to be sent again; and
// every send carries the item's Idempotency-Key, so the server stores a repeat only once and
// returns the first result. Items are re-sent on `online`, on start (page load) and on a timer.
//
//   const outbox = new Outbox({ send: async (item) => 'delivered' | 'later' | 'rejected' });
//   await outbox.add({ idempotencyKey, url, body });   // {idempotencyKey, url, body, createdAt}
//   outbox.start();
//
// `send` decides per item (it usually asks lms.decide() about a failed response): 'delivered'
// deletes it, 'later' keeps it for the next round, 'rejected' (the server will never accept it)
// deletes it and fires a `rejected` event so the app can tell the user. A thrown error = 'later'.
// Events: `change` {count}, `delivered` {item, result}, `rejected` {item, result}, `error` {error}.

const STORE = 'outbox';

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

export class Outbox extends EventTarget {
  #send;
  #dbName;
  #intervalMs;
  #db = null;
  #held = new Set(); // keys being sent right now by this page
  #flushing = null;
  #timer = 0;
  // Background rounds report failures (e.g. storage disabled) as an `error` event, not a rejection.
  #onOnline = () => this.flush().catch((error) => this.dispatchEvent(new CustomEvent('error', { detail: { error } })));

  /**
   * @param {{ send: (item) => Promise<'delivered'|'later'|'rejected'|{outcome, result}>,
   *           dbName?: string, intervalMs?: number }} options
   */
  constructor({ send, dbName = 'lms-errors-outbox', intervalMs = 15000 } = {}) {
    super();
    if (typeof send !== 'function') throw new TypeError('new Outbox({ send }): send must be a function');
    this.#send = send;
    this.#dbName = dbName;
    this.#intervalMs = intervalMs;
  }

  async #open() {
    if (!this.#db) {
      const opening = indexedDB.open(this.#dbName, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'idempotencyKey' });
      this.#db = request(opening);
    }
    return this.#db;
  }

  async #transaction(mode, work) {
    const db = await this.#open();
    // 'strict': the write is on disk before we go on to send, so a crash cannot lose it.
    const transaction = db.transaction(STORE, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' });
    const result = work(transaction.objectStore(STORE));
    await new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('outbox transaction aborted'));
    });
    return result instanceof IDBRequest ? result.result : result;
  }

  async #changed() {
    this.dispatchEvent(new CustomEvent('change', { detail: { count: await this.count() } }));
  }

  /** Stores an item (before its first send). Resolves to the stored item. */
  async add({ idempotencyKey, url, body }) {
    if (typeof idempotencyKey !== 'string' || idempotencyKey === '') throw new TypeError('outbox.add: idempotencyKey must be a non-empty string');
    if (typeof url !== 'string') throw new TypeError('outbox.add: url must be a string');
    if (typeof body !== 'string') throw new TypeError('outbox.add: body must be a string');
    const item = { idempotencyKey, url, body, createdAt: Date.now() };
    await this.#transaction('readwrite', (store) => store.put(item));
    await this.#changed();
    return item;
  }

  async remove(idempotencyKey) {
    await this.#transaction('readwrite', (store) => store.delete(idempotencyKey));
    await this.#changed();
  }

  /** Every waiting item, oldest first. */
  async list() {
    const items = await this.#transaction('readonly', (store) => store.getAll());
    return items.sort((a, b) => a.createdAt - b.createdAt);
  }

  async count() {
    return this.#transaction('readonly', (store) => store.count());
  }

  /** Runs `work` while `key` is marked as being sent by the app, so flush() leaves it alone. */
  async hold(idempotencyKey, work) {
    this.#held.add(idempotencyKey);
    try {
      return await work();
    } finally {
      this.#held.delete(idempotencyKey);
    }
  }

  /** Sends every waiting item once. Resolves to { delivered, remaining }. */
  flush() {
    this.#flushing ??= this.#flushOnce().finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #flushOnce() {
    const run = async () => {
      let delivered = 0;
      for (const item of await this.list()) {
        if (this.#held.has(item.idempotencyKey)) continue;
        let answer;
        try {
          answer = await this.hold(item.idempotencyKey, () => this.#send(item));
        } catch {
          answer = 'later';
        }
        const { outcome, result } = typeof answer === 'string' ? { outcome: answer } : answer;
        if (outcome === 'delivered' || outcome === 'rejected') {
          await this.remove(item.idempotencyKey);
          if (outcome === 'delivered') delivered += 1;
          this.dispatchEvent(new CustomEvent(outcome, { detail: { item, result } }));
        }
      }
      return { delivered, remaining: await this.count() };
    };
    // One tab at a time sends (the others skip this round); the server's dedupe covers the rest.
    if (globalThis.navigator?.locks) {
      const result = await navigator.locks.request(`${this.#dbName}:flush`, { ifAvailable: true }, (lock) => (lock ? run() : null));
      return result ?? { delivered: 0, remaining: await this.count() };
    }
    return run();
  }

  /** Flushes now, whenever the browser comes back online, and every `intervalMs`. */
  start() {
    if (this.#timer) return this;
    addEventListener('online', this.#onOnline);
    this.#timer = setInterval(this.#onOnline, this.#intervalMs);
    this.#onOnline();
    return this;
  }

  stop() {
    removeEventListener('online', this.#onOnline);
    clearInterval(this.#timer);
    this.#timer = 0;
  }
}
