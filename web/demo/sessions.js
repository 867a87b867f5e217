// The demo's pupil sessions: a random token in an HttpOnly cookie, kept in memory with its expiry.
// Short expiries (?sessionTtl=<seconds> on sign-in, or SESSION_TTL_SECONDS) make an expired
// session, and a shared Chromebook where pupils take turns, real flows instead of scripted faults.
import { randomUUID } from 'node:crypto';

export const COOKIE = 'lms-demo-session';
const MAX_SESSIONS = 10000;
const MAX_TTL_SECONDS = 24 * 3600;

/** Seconds from text, or null when it is not a whole number from 1 to a day. */
export function ttlSeconds(text) {
  if (typeof text !== 'string' || !/^\d{1,6}$/.test(text)) return null;
  const seconds = Number(text);
  return seconds >= 1 && seconds <= MAX_TTL_SECONDS ? seconds : null;
}

/** The session token of a request's Cookie header, or null. */
export function tokenOf(request) {
  for (const part of String(request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=') || null;
  }
  return null;
}

export function createSessions({ now = Date.now, defaultTtlSeconds = ttlSeconds(process.env.SESSION_TTL_SECONDS ?? '') ?? 1800 } = {}) {
  const sessions = new Map(); // token -> { pupilId, expiresAt }
  return {
    /** A new session for `pupilId`: { token, expiresAt }. */
    create(pupilId, ttl = defaultTtlSeconds) {
      const token = randomUUID();
      const expiresAt = now() + ttl * 1000;
      sessions.set(token, { pupilId, expiresAt });
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value); // the oldest
      return { token, expiresAt };
    },
    /** { state: 'none' | 'expired' | 'valid', pupilId?, expiresAt? } for a token. */
    lookup(token) {
      const session = token ? sessions.get(token) : undefined;
      if (!token) return { state: 'none' };
      if (!session) return { state: 'expired' }; // unknown: a restarted server, or signed out
      if (session.expiresAt <= now()) return { state: 'expired', pupilId: session.pupilId };
      return { state: 'valid', ...session };
    },
    end(token) {
      if (token) sessions.delete(token);
    },
  };
}

/** The Set-Cookie value for a token (a browser-session cookie: the server decides expiry). */
export function cookieFor(token) {
  return token ? `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict` : `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
