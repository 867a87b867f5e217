// The demo API behind the pupil and teacher pages. Each route speaks one seed convention, and
// every error body it sends comes from lms.emit() — the same core the pages parse it with:
//   GET  /api/question?after=<id>  lms      (pupil app: {code, error})
//   GET  /api/questions?after=&n=   lms      (a batch of n, 1-20, for offline practice: {questions})
//   POST /api/answers               lms      (the signed-in pupil's; 401 LMS-AUTH-001 without a
//                                             session, LMS-AUTH-002 once it expired; Idempotency-Key:
//                                             stored once, first result replayed)
//   GET  /api/pupils, GET|POST|DELETE /api/session   the demo's sign-in (no faults; sessions.js)
//   GET  /api/teacher/class         nestjs   (seed 003: {statusCode, code, message, …})
//   POST /api/teacher/import        nestjs   (CSV; 422 IMPORT_VALIDATION_FAILED with data.errors;
//                                             Idempotency-Key: imported once)
//   GET  /api/school                wrapped  ({success, data} / {success:false, error:{code,message}})
//   GET  /api/me                    okflag   ({ok, data, errors, message})
//   GET  /api/stats[?key=<key>]     what the tests count: stored answers, keys seen, and for one
//                                   Idempotency-Key asked for its requests (no faults)
// Every response carries `X-Content-Type-Options: nosniff`, and no text error repeats request
// text (a page's `fault` parameter is attacker-controlled when the link is); only faultMessage
// becomes, by design, the JSON envelope's message.
import { createFaultState, faultFor, routeFaultCode } from './faults.js';
import { MAX_CSV_BYTES, validatePupilCsv } from './csv-import.js';
import { keyDigest } from './store.js';
import { cookieFor, createSessions, tokenOf, ttlSeconds } from './sessions.js';

const MAX_JSON_BYTES = 16 * 1024;

// Practice questions for ages 5-11: numbers only, so they read the same in every locale.
const QUESTIONS = [
  ['q1', 7, '+', 5],
  ['q2', 9, '−', 4],
  ['q3', 6, '×', 3],
  ['q4', 12, '+', 19],
  ['q5', 40, '÷', 8],
  ['q6', 15, '−', 7],
].map(([id, a, op, b]) => ({ id, a, op, b, text: `${a} ${op} ${b}`, answer: { '+': a + b, '−': a - b, '×': a * b, '÷': a / b }[op] }));

const ROUTES = {
  'GET /api/question': { name: 'question', dialect: 'lms' },
  'GET /api/questions': { name: 'question', dialect: 'lms' },
  'GET /api/pupils': { name: 'pupils', dialect: 'lms', noFaults: true },
  'GET /api/session': { name: 'session', dialect: 'lms', noFaults: true },
  'POST /api/session': { name: 'signIn', dialect: 'lms', noFaults: true },
  'DELETE /api/session': { name: 'signOut', dialect: 'lms', noFaults: true },
  'POST /api/answers': { name: 'answers', dialect: 'lms' },
  'GET /api/teacher/class': { name: 'class', dialect: 'nestjs' },
  'POST /api/teacher/import': { name: 'import', dialect: 'nestjs' },
  'GET /api/school': { name: 'school', dialect: 'wrapped' },
  'GET /api/me': { name: 'me', dialect: 'okflag' },
  'GET /api/stats': { name: 'stats', dialect: 'http', noFaults: true },
};

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Distinct Idempotency-Keys counted by /api/stats: beyond this, new keys are not counted.
const MAX_COUNTED_KEYS = 100000;
const NOSNIFF = { 'x-content-type-options': 'nosniff' };

function sendJson(response, status, value, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...NOSNIFF, ...headers });
  response.end(JSON.stringify(value));
}

class TooLarge extends Error {}

async function readBody(request, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(text) {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function createApi({ lms: lmsPromise, store: storePromise, sessions = createSessions() }) {
  const faults = createFaultState();
  const attempts = new Map(); // Idempotency-Key digest -> answer requests received (faulted ones too)
  let replayed = 0; // answer requests answered with an earlier request's result
  const senders = new Map(); // Idempotency-Key digest -> the pupil of each request's session ('' for none)

  return async function handleApi(request, response, url) {
    const [lms, store] = await Promise.all([lmsPromise, storePromise]);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = ROUTES[`${method} ${url.pathname.replace(/\/+$/, '')}`];

    // Sends a catalogue error exactly as `dialect`'s server would (status, headers, body).
    const sendError = (dialect, code, params, headers = {}, options = {}) => {
      const emitted = lms.emit(dialect, code, params, { path: url.pathname, timestamp: new Date().toISOString(), ...options });
      response.writeHead(emitted.status, { 'cache-control': 'no-store', ...emitted.headers, ...headers, ...NOSNIFF });
      response.end(emitted.body);
    };
    // The route's own error for an HTTP status (faults.js: routeFaultCode), else HTTP_<status>.
    const sendStatus = (dialect, status, values = {}, options = {}) => {
      const chosen = routeFaultCode(lms, route.name, dialect, status, values);
      if (!chosen) return sendText(response, status, `HTTP ${status}`);
      return sendError(chosen.dialect, chosen.code, chosen.params, {}, options);
    };

    if (!route) {
      const known = Object.keys(ROUTES).filter((key) => key.endsWith(` ${url.pathname.replace(/\/+$/, '')}`));
      if (known.length > 0) return sendError('http', 'HTTP_405', undefined, { allow: known.map((key) => key.split(' ')[0]).join(', ') });
      return sendError('http', 'HTTP_404');
    }

    const session = sessions.lookup(tokenOf(request));
    if (route.name === 'answers') {
      const key = request.headers['idempotency-key'];
      if (typeof key === 'string') {
        const digest = keyDigest(key);
        if (attempts.has(digest) || attempts.size < MAX_COUNTED_KEYS) {
          attempts.set(digest, (attempts.get(digest) ?? 0) + 1);
          senders.set(digest, [...(senders.get(digest) ?? []), session.state === 'valid' ? session.pupilId : ''].slice(-20));
        }
      }
    }

    let slowMs = 0;
    const fault = route.noFaults ? null : faultFor(url.searchParams, route.name);
    if (fault && faults.applies(fault, url.searchParams.get('run'))) {
      switch (fault.kind) {
        case 'offline':
          request.socket.destroy();
          return undefined;
        case 'status':
          return sendStatus(route.dialect, fault.status);
        case 'throttle':
          return sendStatus(route.dialect, 429, { seconds: fault.seconds }, { retryAfter: fault.seconds });
        case 'catalogue':
          if (!lms.lookup(fault.code, fault.dialect)) return sendText(response, 400, 'fault: no such catalogue error');
          try {
            const message = url.searchParams.get('faultMessage');
            return sendError(fault.dialect, fault.code, parseParams(url.searchParams.get('faultParams')), {}, message === null ? {} : { message });
          } catch {
            return sendText(response, 400, 'fault: faultParams do not fill that error (a required param is missing or invalid)');
          }
        case 'slow':
          slowMs = fault.ms;
          break;
        default:
          return sendText(response, 400, 'fault: expected <dialect>:<CODE>, <status>x<n>, 429:<seconds>, offline or slow:<ms>');
      }
    }
    const answer = async (status, value, headers) => {
      if (slowMs > 0) await delay(slowMs);
      if (!response.destroyed) sendJson(response, status, value, headers);
    };

    switch (route.name) {
      case 'question': {
        const after = QUESTIONS.findIndex((question) => question.id === url.searchParams.get('after'));
        const at = (offset) => {
          const index = (after + 1 + offset) % QUESTIONS.length;
          return { id: QUESTIONS[index].id, text: QUESTIONS[index].text, number: index + 1, of: QUESTIONS.length };
        };
        if (url.pathname.replace(/\/+$/, '') === '/api/question') return answer(200, at(0));
        const n = Math.min(Math.max(Number.parseInt(url.searchParams.get('n') ?? '5', 10) || 5, 1), 20);
        return answer(200, { questions: Array.from({ length: n }, (_, offset) => at(offset)) });
      }
      case 'pupils':
        return answer(200, { pupils: store.pupils().map(({ id, firstName }) => ({ id, firstName })) });
      case 'session': {
        if (session.state !== 'valid') return answer(200, { pupil: null });
        const pupil = store.pupils().find((candidate) => candidate.id === session.pupilId);
        return answer(200, { pupil: pupil ? { id: pupil.id, firstName: pupil.firstName } : null, expiresAt: new Date(session.expiresAt).toISOString() });
      }
      case 'signIn': {
        let pupilId;
        try {
          pupilId = JSON.parse(await readBody(request, MAX_JSON_BYTES))?.pupilId;
        } catch {
          return sendError('lms', 'LMS-AUTH-010');
        }
        const pupil = store.pupils().find((candidate) => candidate.id === pupilId);
        if (!pupil) return sendError('lms', 'LMS-AUTH-006');
        const ttlText = url.searchParams.get('sessionTtl');
        const ttl = ttlText === null ? undefined : ttlSeconds(ttlText);
        if (ttl === null) return sendError('lms', 'LMS-AUTH-010');
        sessions.end(tokenOf(request));
        const { token, expiresAt } = sessions.create(pupil.id, ttl);
        return answer(200, { pupil: { id: pupil.id, firstName: pupil.firstName }, expiresAt: new Date(expiresAt).toISOString() }, { 'set-cookie': cookieFor(token) });
      }
      case 'signOut':
        sessions.end(tokenOf(request));
        return answer(200, { pupil: null }, { 'set-cookie': cookieFor(null) });
      case 'answers': {
        if (session.state === 'none') return sendError('lms', 'LMS-AUTH-001');
        if (session.state === 'expired') return sendError('lms', 'LMS-AUTH-002');
        let submitted;
        try {
          submitted = JSON.parse(await readBody(request, MAX_JSON_BYTES));
        } catch (error) {
          return error instanceof TooLarge ? sendError('http', 'HTTP_413') : sendError('lms', 'LMS-SES-001');
        }
        const valid = submitted && typeof submitted === 'object' && typeof submitted.questionId === 'string' &&
          (typeof submitted.answer === 'string' || typeof submitted.answer === 'number') && String(submitted.answer).length <= 20;
        if (!valid) return sendError('lms', 'LMS-SES-001');
        const question = QUESTIONS.find((candidate) => candidate.id === submitted.questionId);
        if (!question) return sendError('lms', 'LMS-SES-002');
        const key = request.headers['idempotency-key'];
        // The key whole: the store keeps its digest, so keys sharing a long prefix never collide.
        const { answer: stored, replayed: isReplay } = await store.recordAnswer(typeof key === 'string' ? key : '', () => ({
          pupilId: session.pupilId,
          questionId: question.id,
          question: question.text,
          answer: String(submitted.answer).trim(),
          correct: Number(String(submitted.answer).trim()) === question.answer,
          answeredAt: typeof submitted.answeredAt === 'string' ? submitted.answeredAt.slice(0, 40) : null,
          storedAt: new Date().toISOString(),
        }));
        const result = { id: stored.id, questionId: stored.questionId, correct: stored.correct, correctAnswer: question.answer, storedAt: stored.storedAt };
        if (isReplay) replayed += 1;
        return answer(201, result, isReplay ? { 'idempotent-replayed': 'true' } : {});
      }
      case 'class': {
        const pupils = store.pupils();
        const names = new Map(pupils.map((pupil) => [pupil.id, `${pupil.firstName} ${pupil.lastName}`]));
        const recentAnswers = store.recentAnswers(10).map((stored) => ({
          id: stored.id,
          pupil: names.get(stored.pupilId) ?? stored.pupilId,
          question: stored.question,
          answer: stored.answer,
          correct: stored.correct,
          storedAt: stored.storedAt,
        }));
        return answer(200, { className: 'Year 4 — Maple', pupils, recentAnswers });
      }
      case 'import': {
        let text;
        try {
          text = await readBody(request, MAX_CSV_BYTES);
        } catch (error) {
          if (error instanceof TooLarge) return sendError('http', 'HTTP_413');
          throw error;
        }
        const { pupils, errors } = validatePupilCsv(text);
        if (errors.length > 0) {
          return sendError('nestjs', 'IMPORT_VALIDATION_FAILED', undefined, {}, { data: { errors } });
        }
        const key = request.headers['idempotency-key'];
        const { added, replayed } = await store.addPupils(pupils, typeof key === 'string' ? key : '');
        return answer(201, { imported: added.length, pupils: added }, replayed ? { 'idempotent-replayed': 'true' } : {});
      }
      case 'school':
        return answer(200, { success: true, data: { name: 'Ysgol Enfys Primary', pupils: store.pupils().length } });
      case 'me':
        return answer(200, { ok: true, data: { name: 'Ms Evans', role: 'teacher' }, errors: [], message: '' });
      case 'stats': {
        // What the tests count: answers stored, distinct keys seen, replays; and, for the one
        // Idempotency-Key asked for, the requests that reached the server (faulted ones
        // included), the answers stored (0 or 1) and the signed-in pupil of each request
        // (sentBy, '' for none). Never the list of keys: they are the
        // pupils' requests' secrets, and a list grows without bound.
        const stats = { answers: store.answerCount(), keys: attempts.size, replayed };
        const key = url.searchParams.get('key');
        if (key !== null) stats.key = { requests: attempts.get(keyDigest(key)) ?? 0, stored: store.storedFor(key), sentBy: senders.get(keyDigest(key)) ?? [] };
        return sendJson(response, 200, stats);
      }
      default:
        return sendError('http', 'HTTP_404');
    }
  };
}

function sendText(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...NOSNIFF });
  response.end(text);
}
