// Where the outbox keeps its items: IndexedDB (shared by every tab and the service worker) or
// memory (this page only). Both have the same small async interface, over three object stores:
//   'outbox'       items waiting to be sent, keyed by idempotencyKey (the service worker reads it too)
//   'notAccepted'  items the server will never take, kept for the pupil and the teacher
//   'meta'         { key, value } records: the signed-in owner, the send lease
// Every failure rejects (never throws synchronously), so the outbox can fall back to memory.

export const STORES = Object.freeze(['outbox', 'notAccepted', 'meta']);
const KEY_PATHS = { outbox: 'idempotencyKey', notAccepted: 'idempotencyKey', meta: 'key' };
const VERSION = 2;

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

/** An in-memory store: the fallback when IndexedDB is missing or failing, and Node's store. */
export class MemoryStore {
  kind = 'memory';
  #stores = new Map(STORES.map((name) => [name, new Map()]));

  async get(store, key) {
    const value = this.#stores.get(store).get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async getAll(store) {
    return [...this.#stores.get(store).values()].map((value) => structuredClone(value));
  }

  async put(store, value) {
    this.#stores.get(store).set(value[KEY_PATHS[store]], structuredClone(value));
  }

  async delete(store, key) {
    this.#stores.get(store).delete(key);
  }

  /** Runs `work(current)` and stores what it returns (undefined: nothing), atomically. */
  async update(store, key, work) {
    const next = work(await this.get(store, key));
    if (next !== undefined) await this.put(store, next);
    return next;
  }
}

/** The IndexedDB store `name`; open() rejects when IndexedDB is missing, blocked or throws. */
export class IndexedDbStore {
  kind = 'indexeddb';
  #name;
  #db = null;

  constructor(name) {
    this.#name = name;
  }

  open() {
    this.#db ??= (async () => {
      if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('indexedDB is not available');
      const opening = indexedDB.open(this.#name, VERSION);
      opening.onupgradeneeded = () => {
        const db = opening.result;
        for (const store of STORES) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: KEY_PATHS[store] });
      };
      // Another tab holds an older version open: that tab's outbox closes on versionchange, so
      // this only waits long when something else keeps it open. Give up after 5 s.
      const blocked = new Promise((resolve, reject) => {
        opening.onblocked = () => setTimeout(() => reject(new Error('indexedDB open blocked')), 5000);
      });
      const db = await Promise.race([request(opening), blocked]);
      // A newer version elsewhere (another tab, the service worker): step aside, reopen next time.
      db.onversionchange = () => {
        db.close();
        this.#db = null;
      };
      return db;
    })();
    this.#db.catch(() => {
      this.#db = null; // try again next time (e.g. after a transient failure)
    });
    return this.#db;
  }

  async #run(store, mode, work) {
    const db = await this.open();
    // 'strict': the write is on disk before the outbox goes on to send, so a crash cannot lose it.
    const transaction = db.transaction(store, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' });
    const done = new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('outbox transaction aborted'));
    });
    let result;
    try {
      result = await work(transaction.objectStore(store));
    } catch (error) {
      try {
        transaction.abort();
      } catch {
        // already finished
      }
      await done.catch(() => {});
      throw error;
    }
    await done;
    return result;
  }

  get(store, key) {
    return this.#run(store, 'readonly', (objects) => request(objects.get(key)));
  }

  getAll(store) {
    return this.#run(store, 'readonly', (objects) => request(objects.getAll()));
  }

  put(store, value) {
    return this.#run(store, 'readwrite', (objects) => request(objects.put(value)).then(() => undefined));
  }

  delete(store, key) {
    return this.#run(store, 'readwrite', (objects) => request(objects.delete(key)).then(() => undefined));
  }

  /** Reads and writes one record in a single transaction (the lease needs that). */
  update(store, key, work) {
    return this.#run(store, 'readwrite', async (objects) => {
      const next = work(await request(objects.get(key)));
      if (next !== undefined) await request(objects.put(next));
      return next;
    });
  }
}
