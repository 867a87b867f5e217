// Types for the outbox (web/outbox.js).
import type { Audience, Lms, NormalizedError, RetryDecision } from './index.js';

export interface OutboxItem {
  idempotencyKey: string;
  url: string;
  body: string;
  /** Epoch ms. */
  createdAt: number;
  /** Who wrote it (the app's id for the signed-in user); sent only while they are the owner. */
  owner?: string;
}

/** An item the server will not accept: kept, with why. */
export interface NotAcceptedItem extends OutboxItem {
  error: NormalizedError | null;
  decision: RetryDecision | null;
  /** Epoch ms. */
  notAcceptedAt: number;
}

/** 'rejected' is the old name of 'not-accepted' (the item is kept either way). */
export type OutboxOutcome = 'delivered' | 'later' | 'sign-in' | 'not-accepted' | 'rejected';

/** What one attempt reports: an outcome, or the error (and decision) for the outbox to classify. */
export type SendResult =
  | OutboxOutcome
  | { outcome: OutboxOutcome; result?: unknown; error?: NormalizedError; decision?: RetryDecision | null }
  | { outcome?: undefined; error: NormalizedError; decision?: RetryDecision | null; result?: unknown };

export type SendFunction = (item: OutboxItem, context: { token?: string }) => Promise<SendResult>;

export interface OutboxOptions {
  /** The outbox sends items itself (POST, JSON, Idempotency-Key) and classifies failures with lms.decide(). */
  lms?: Lms;
  /** One delivery attempt instead (a thrown error counts as 'later'). Give lms or send. */
  send?: SendFunction;
  /** The fetch the built-in sender uses (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Extra request headers for the built-in sender. */
  headers?: Record<string, string> | ((item: OutboxItem) => Record<string, string> | Promise<Record<string, string>>);
  /** The signed-in owner at start (default null). */
  owner?: string | null;
  /** Asked once when a send needs sign-in: a token (sent as Bearer), or nothing to pause and fire auth-required. */
  refreshToken?: () => Promise<string | null | undefined | void>;
  /** IndexedDB database name (default 'lms-errors-outbox'); the service worker's `db` parameter. */
  dbName?: string;
  /** How often waiting items are re-sent after start() (default 15000). */
  intervalMs?: number;
  /** 'memory' keeps items in this page only (tests, Node); default IndexedDB with a memory fallback. */
  storage?: 'indexeddb' | 'memory';
  /** The clock (default Date.now). */
  now?: () => number;
}

export interface OutboxStats {
  /** The current owner's waiting items. */
  waiting: number;
  /** Other owners' waiting items (they wait for their owner). */
  others: number;
  /** The current owner's not-accepted items. */
  notAccepted: number;
  storage: 'indexeddb' | 'memory';
  paused: boolean;
}

export interface FlushResult {
  delivered: number;
  remaining: number;
  notAccepted: number;
  paused: boolean;
}

export interface Settled {
  outcome: 'delivered' | 'later' | 'sign-in' | 'not-accepted' | 'gone';
  result?: unknown;
  error?: NormalizedError | null;
  decision?: RetryDecision | null;
}

export interface OutboxEventMap {
  change: CustomEvent<OutboxStats & { count: number }>;
  delivered: CustomEvent<{ item: OutboxItem; result: unknown }>;
  'not-accepted': CustomEvent<{ item: NotAcceptedItem; result: unknown; error: NormalizedError | null; decision: RetryDecision | null }>;
  rejected: CustomEvent<{ item: NotAcceptedItem; result: unknown; error: NormalizedError | null; decision: RetryDecision | null }>;
  'auth-required': CustomEvent<{ item: OutboxItem; owner: string | null; error: NormalizedError | null; decision: RetryDecision | null }>;
  storage: CustomEvent<{ storage: 'memory'; error: unknown }>;
  error: CustomEvent<{ error: unknown }>;
}

export declare const SYNC_TAG: string;

/** 'later', 'sign-in' or 'not-accepted' for a failed attempt (lms.decide()'s decision and the status). */
export function outcomeOf(error: NormalizedError, decision?: RetryDecision | null): 'later' | 'sign-in' | 'not-accepted';

/** The owner the pages last set (what the service worker sends for). */
export function storedOwner(dbName?: string): Promise<string | null>;

export class Outbox extends EventTarget {
  constructor(options: OutboxOptions);
  readonly storage: 'indexeddb' | 'memory';
  readonly owner: string | null;
  readonly paused: boolean;
  /** Stores an item before its first send. */
  add(item: Pick<OutboxItem, 'idempotencyKey' | 'url' | 'body'> & { owner?: string | null }): Promise<OutboxItem>;
  /** Deletes a waiting item (the app's explicit decision). */
  remove(idempotencyKey: string): Promise<void>;
  list(options?: { owner?: string | null }): Promise<OutboxItem[]>;
  /** The current owner's waiting items. */
  count(): Promise<number>;
  stats(): Promise<OutboxStats>;
  notAccepted(options?: { owner?: string | null }): Promise<NotAcceptedItem[]>;
  /** Why an item was not accepted, translated (needs the lms option). */
  reason(item: NotAcceptedItem, options?: { locale?: string; audience?: Audience }): string;
  exportNotAccepted(options?: { format?: 'csv' | 'json'; locale?: string; owner?: string | null }): Promise<string>;
  retryNotAccepted(idempotencyKey: string): Promise<boolean>;
  discardNotAccepted(idempotencyKey: string): Promise<void>;
  /** After sign-in (or null after sign-out): only this owner's items are sent; resumes a paused queue. */
  setOwner(owner: string | null): Promise<void>;
  /** After the app signed the same user in again (optionally with a Bearer token). */
  resume(token?: string): void;
  /** Runs `work` while the item is being sent by the app, so no flush in any tab sends it. */
  hold<T>(idempotencyKey: string, work: () => Promise<T>): Promise<T>;
  /** Sends one waiting item now and settles it. */
  deliver(idempotencyKey: string, send?: SendFunction): Promise<Settled>;
  /** Sends the current owner's waiting items once. */
  flush(): Promise<FlushResult>;
  /** Flushes now, on `online`, and every intervalMs. */
  start(): this;
  stop(): void;
  /** stop() and close the BroadcastChannel. */
  close(): void;
  addEventListener<K extends keyof OutboxEventMap>(type: K, listener: (event: OutboxEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}
