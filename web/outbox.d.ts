// Types for the IndexedDB outbox (web/outbox.js).

export interface OutboxItem {
  idempotencyKey: string;
  url: string;
  body: string;
  /** Epoch ms. */
  createdAt: number;
}

export type OutboxOutcome = 'delivered' | 'later' | 'rejected';

export interface OutboxOptions {
  /** One delivery attempt; a thrown error counts as 'later'. */
  send(item: OutboxItem): Promise<OutboxOutcome | { outcome: OutboxOutcome; result?: unknown }>;
  /** IndexedDB database name (default 'lms-errors-outbox'). */
  dbName?: string;
  /** How often waiting items are re-sent (default 15000). */
  intervalMs?: number;
}

export class Outbox extends EventTarget {
  constructor(options: OutboxOptions);
  /** Stores an item before its first send. */
  add(item: Pick<OutboxItem, 'idempotencyKey' | 'url' | 'body'>): Promise<OutboxItem>;
  remove(idempotencyKey: string): Promise<void>;
  list(): Promise<OutboxItem[]>;
  count(): Promise<number>;
  /** Runs `work` while the item is being sent by the app, so flush() skips it. */
  hold<T>(idempotencyKey: string, work: () => Promise<T>): Promise<T>;
  /** Sends every waiting item once. */
  flush(): Promise<{ delivered: number; remaining: number }>;
  /** Flushes now, on `online`, and every intervalMs. */
  start(): this;
  stop(): void;
}
