// Types for lms-errors/nestjs.
import type { EmitDialect, EmittedResponse, Lms, RateLimit } from './index.js';
import type { HttpCode, NestjsCode } from './codes.js';

/** What an AppException sends besides its catalogue entry. */
export interface AppExceptionOptions {
  /** The underlying error: logged by the filter, never sent. */
  cause?: unknown;
  /** Send this text instead of the catalogue's (filled) message. */
  message?: string;
  /** Seed 003's `data` (e.g. `{ errors }` of VALIDATION_FAILED or IMPORT_VALIDATION_FAILED). */
  data?: Record<string, unknown>;
  /** Sent as retry-after, in whole seconds. */
  retryAfter?: number;
  /** Sent as x-ratelimit-limit / -remaining / -reset. */
  rateLimit?: RateLimit;
}

type ParamValues = Record<string, string | number | boolean>;

/**
 * A catalogue error thrown by server code. Untyped params here; type them with the generated
 * error-code module (`typedAppException<ErrorParams>()`), so `NOT_FOUND` without `{ entity }`
 * does not compile.
 */
export class AppException<C extends string = NestjsCode | HttpCode> extends Error {
  constructor(code: C, params?: ParamValues | null, options?: AppExceptionOptions);
  readonly name: 'AppException';
  readonly code: C;
  readonly params: ParamValues | undefined;
  readonly cause: unknown;
  /** The options emit() gets for this exception (message, data, retryAfter, rateLimit). */
  readonly emitOptions: Omit<AppExceptionOptions, 'cause'>;
}

/** `[params]` when the code has a required param, else `[params?]` (as the generated `ErrorArgs`). */
type ParamsArgs<P> = {} extends P ? [params?: P | null] : [params: P];

/**
 * AppException's constructor typed by a generated module's `ErrorParams`
 * (`lms-errors codegen --lang ts --dialect nestjs`): each code takes exactly its params.
 */
export interface TypedAppException<Params> {
  new <C extends keyof Params & string>(code: C, ...args: [...ParamsArgs<Params[C]>, options?: AppExceptionOptions]): AppException<C>;
  readonly prototype: AppException<keyof Params & string>;
}

/** The AppException class itself, typed by `Params` (no new class: `instanceof AppException` holds). */
export function typedAppException<Params>(): TypedAppException<Params>;

/** The parts of class-validator's ValidationError that fieldErrors() reads. */
export interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  contexts?: Record<string, unknown>;
  children?: ValidationErrorLike[];
}

/** Seed 003's `data.errors[]` item of VALIDATION_FAILED. */
export interface SeedFieldError {
  /** Dot path, e.g. "anagraphic.firstName". */
  field: string;
  /** The class-validator constraint, e.g. "maxLength". */
  rule: string;
  /** The constraint's `context`, e.g. `{ max: "100" }`, when it has one. */
  params?: unknown;
}

/**
 * class-validator's ValidationError tree as seed 003's `data.errors`: one entry per failed
 * constraint, fields as dot paths. A RangeError beyond 64 levels of nesting.
 */
export function fieldErrors(errors: readonly ValidationErrorLike[]): SeedFieldError[];

/** VALIDATION_FAILED carrying fieldErrors(errors): `new ValidationPipe({ exceptionFactory: validationException })`. */
export function validationException(errors: readonly ValidationErrorLike[]): AppException<'VALIDATION_FAILED'>;

/**
 * The response headers emit() may send besides Content-Type (retry-after, x-ratelimit-*,
 * x-request-id, x-lms-catalogue-revision): CORS's `exposedHeaders`, so that a page on another
 * origin can read them — `app.enableCors({ origin, exposedHeaders: exposedHeaders(lms) })`.
 */
export function exposedHeaders(lms: Lms): string[];

/** The parts of Nest's ArgumentsHost the filter reads. */
export interface HttpArgumentsHost {
  switchToHttp(): { getRequest(): unknown; getResponse(): unknown };
}

/** Writes its messages and the logged causes (Nest's Logger and `console` both fit). */
export interface ErrorLogger {
  error(message: string, detail: string): void;
}

export interface LmsExceptionFilterOptions {
  /** The convention to answer in. Default 'nestjs' (seed 003). */
  dialect?: EmitDialect;
  /** Where causes and unhandled exceptions go. Default console. */
  logger?: ErrorLogger;
  /** The clock for `timestamp`, epoch ms. Default Date.now. */
  now?: () => number;
  /** Sent for anything not an AppException or HttpException. Default INTERNAL_ERROR (nestjs), else HTTP_500. */
  internalErrorCode?: string;
  /**
   * HttpExceptions of these statuses are sent as these codes instead of HTTP_<status>, with the
   * code's own message, e.g. `{ 429: 'RATE_LIMITED' }` for @nestjs/throttler. Each code must be
   * catalogued (the constructor throws otherwise).
   */
  codeForStatus?: Readonly<Record<number, string>>;
}

/**
 * Nest's ExceptionFilter (`app.useGlobalFilters(new LmsExceptionFilter(lms))`): every exception
 * is answered with exactly what `lms.emit()` writes — an AppException with its code and params,
 * an HttpException without a code with `HTTP_<status>`, anything else with the internal-error
 * code. The constructor throws if `lms` has no emit() or the internal-error code is not catalogued.
 */
export class LmsExceptionFilter {
  constructor(lms: Lms, options?: LmsExceptionFilterOptions);
  catch(exception: unknown, host: HttpArgumentsHost): void;
  /** What is sent for `exception` during `request` (`url`/`originalUrl` give seed 003's path). */
  respond(exception: unknown, request?: { url?: string; originalUrl?: string }): EmittedResponse;
}
