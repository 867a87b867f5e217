// lms-errors/nestjs: seed 003's AppException and an exception filter that answers with exactly
// what lms.emit() writes. No NestJS import: the filter reads Nest's ArgumentsHost and
// HttpException by their methods, so the package does not depend on Nest (and the same filter
// serves Express or Fastify under Nest, or a plain Node server through respond()).
import { inspect } from 'node:util';

/**
 * A catalogue error thrown by server code: the code, its message params, and the underlying
 * cause (logged by the filter, never sent).
 */
export class AppException extends Error {
  constructor(code, params, options) {
    if (typeof code !== 'string' || code === '') throw new TypeError('AppException(code, params?, options?): code must be a non-empty string');
    if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
      throw new TypeError(`AppException(${code}): params must be a plain object`);
    }
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
      throw new TypeError(`AppException(${code}): options must be an object`);
    }
    const { cause, message, data, retryAfter, rateLimit } = options ?? {};
    super(message === undefined ? code : `${code}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'AppException';
    this.code = code;
    this.params = params ?? undefined;
    // What emit() sends besides the catalogue entry; absent members are not sent.
    this.emitOptions = withoutUndefined({ message, data, retryAfter, rateLimit });
  }
}

/**
 * AppException itself, for TypeScript to type by a generated module's ErrorParams
 * (`export const AppException = typedAppException<ErrorParams>()`): the same class at run time.
 */
export function typedAppException() {
  return AppException;
}

// class-validator nests an error per object level; deeper than this is not a DTO but a cycle.
const MAX_VALIDATION_DEPTH = 64;

/**
 * class-validator's ValidationError tree (what Nest's ValidationPipe hands its exceptionFactory)
 * as seed 003's `data.errors`: one `{ field, rule, params? }` per failed constraint, `field` the
 * dot path (`anagraphic.firstName`, `periods.0.name`), `params` the constraint's `context`
 * (`@MaxLength(100, { context: { max: '100' } })`).
 */
export function fieldErrors(validationErrors) {
  if (!Array.isArray(validationErrors)) throw new TypeError('fieldErrors(errors): errors must be an array of class-validator ValidationErrors');
  const errors = [];
  const visit = (list, prefix, depth) => {
    if (depth > MAX_VALIDATION_DEPTH) throw new RangeError(`fieldErrors(): nested deeper than ${MAX_VALIDATION_DEPTH} levels`);
    for (const error of list) {
      const field = prefix + String(error?.property ?? '');
      for (const rule of Object.keys(error?.constraints ?? {})) {
        const params = error.contexts?.[rule];
        errors.push(params === undefined ? { field, rule } : { field, rule, params });
      }
      if (Array.isArray(error?.children) && error.children.length) visit(error.children, `${field}.`, depth + 1);
    }
  };
  visit(validationErrors, '', 0);
  return errors;
}

/**
 * VALIDATION_FAILED with the failures as `data.errors`: Nest's
 * `new ValidationPipe({ exceptionFactory: validationException })`.
 */
export function validationException(validationErrors) {
  return new AppException('VALIDATION_FAILED', null, { data: { errors: fieldErrors(validationErrors) } });
}

/** Fastify's reply, recognised by shape (no import of fastify). */
function isFastifyReply(response) {
  return typeof response?.code === 'function' && typeof response.headers === 'function' && typeof response.send === 'function' && response.raw !== undefined;
}

/**
 * The response headers emit() may send besides Content-Type (retry hints, rate limits, the
 * request id, the catalogue revision), for CORS's `exposedHeaders`: a page on another origin
 * reads only the headers a response exposes. Asked of the instance, so they are what its emit()
 * writes.
 */
export function exposedHeaders(lms) {
  if (typeof lms?.emit !== 'function') throw new TypeError("exposedHeaders(lms): lms must be an instance with emit() (Node's init(), or init({ tools: true }))");
  const all = { retryAfter: 1, rateLimit: { limit: 1, remaining: 0, resetAt: 0 }, requestId: 'id' };
  return Object.keys(lms.emit('http', 'HTTP_429', null, all).headers).filter((name) => name !== 'content-type');
}

/** Nest's HttpException and its subclasses, recognised by shape (no import of @nestjs/common). */
function isHttpException(exception) {
  return exception instanceof Error && typeof exception.getStatus === 'function' && typeof exception.getResponse === 'function';
}

/** The text an HttpException was given (`new NotFoundException('Student not found')`), if any. */
function httpExceptionText(exception) {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  if (response !== null && typeof response === 'object' && typeof response.message === 'string') return response.message;
  return undefined;
}

function isEmpty(object) {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

function withoutUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** The request's path without its query string (seed 003's `path`). */
function requestPath(request) {
  const url = request?.originalUrl ?? request?.url;
  if (typeof url !== 'string') return '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Answers every exception with a catalogue envelope: an AppException with its code and params,
 * a Nest HttpException without a code with the seed's `HTTP_<status>` fallback (or the code
 * `codeForStatus` names for its status, e.g. the throttler's 429 as RATE_LIMITED), anything else
 * with the internal-error code (500). Causes and unknown exceptions go to the logger only.
 */
export class LmsExceptionFilter {
  constructor(lms, options = {}) {
    if (typeof lms?.emit !== 'function') throw new TypeError('LmsExceptionFilter(lms): lms must be an instance with emit() (Node\'s init(), or init({ tools: true }))');
    const { dialect = 'nestjs', logger = console, now = Date.now, codeForStatus = {} } = options;
    const internalErrorCode = options.internalErrorCode ?? (dialect === 'nestjs' ? 'INTERNAL_ERROR' : 'HTTP_500');
    if (typeof logger?.error !== 'function') throw new TypeError('LmsExceptionFilter: options.logger must have an error() method');
    if (typeof now !== 'function') throw new TypeError('LmsExceptionFilter: options.now must be a function returning epoch ms');
    // Fails here, at start-up, rather than on the first unhandled error.
    lms.emit(dialect, internalErrorCode);
    if (codeForStatus === null || typeof codeForStatus !== 'object') throw new TypeError('LmsExceptionFilter: options.codeForStatus must map statuses to codes');
    for (const code of Object.values(codeForStatus)) lms.emit(dialect, code);
    this.codeForStatus = new Map(Object.entries(codeForStatus).map(([status, code]) => [Number(status), code]));
    this.lms = lms;
    this.dialect = dialect;
    this.logger = logger;
    this.now = now;
    this.internalErrorCode = internalErrorCode;
  }

  /** Nest's ExceptionFilter method: writes respond()'s answer to the HTTP response. */
  catch(exception, host) {
    const http = host.switchToHttp();
    const request = http.getRequest();
    // Express's response is Node's ServerResponse; Fastify's reply carries it as `raw`.
    const response = http.getResponse();
    const raw = response?.raw ?? response;
    const { status, headers, body } = this.respond(exception, request);
    if (raw.headersSent) {
      this.logger.error(`${requestPath(request)}: an error after the response started; the connection is closed`);
      raw.destroy?.();
      return;
    }
    if (isFastifyReply(response)) {
      // Through the reply, so the headers Fastify's plugins set on it (@fastify/cors's Vary,
      // @fastify/helmet's) and its onSend hooks apply to errors too; a string with a JSON
      // content type is sent as it is.
      response.code(status).headers(headers).send(body);
      return;
    }
    // Express's headers (cors, helmet: res.setHeader) are on the ServerResponse: writeHead keeps them.
    raw.writeHead(status, headers);
    raw.end(body);
  }

  /** What to send for `exception` during `request` (anything with url/originalUrl): { status, headers, body }. */
  respond(exception, request) {
    const path = requestPath(request);
    const base = { path, timestamp: this.now() };
    if (exception instanceof AppException) {
      if (exception.cause !== undefined) this.log(`${exception.code} at ${path}`, exception.cause);
      try {
        const options = isEmpty(exception.emitOptions) ? base : { ...exception.emitOptions, ...base };
        return this.lms.emit(this.dialect, exception.code, exception.params, options);
      } catch (emitError) {
        // An unknown code or missing params is a bug in the server, not the client's fault.
        this.log(`${exception.code} at ${path} could not be sent (${emitError.message})`, exception);
        return this.lms.emit(this.dialect, this.internalErrorCode, null, base);
      }
    }
    if (isHttpException(exception)) {
      const status = exception.getStatus();
      if (Number.isInteger(status) && status >= 400 && status <= 599) {
        const code = this.codeForStatus.get(status) ?? `HTTP_${status}`;
        if (status >= 500) this.log(`${code} at ${path}`, exception);
        // A catalogue code has its own words. A 4xx text was written for the client; a 5xx text
        // may describe the server, so the catalogue's words are sent instead.
        const message = status < 500 && !this.codeForStatus.has(status) ? httpExceptionText(exception) : undefined;
        return this.lms.emit(this.dialect, code, null, withoutUndefined({ ...base, message }));
      }
    }
    this.log(`unhandled at ${path}`, exception);
    return this.lms.emit(this.dialect, this.internalErrorCode, null, base);
  }

  log(what, error) {
    this.logger.error(what, inspect(error, { depth: 6 }));
  }
}
