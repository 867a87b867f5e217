import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type Lms } from 'lms-errors';
import { LmsExceptionFilter, exposedHeaders, validationException, type LmsExceptionFilterOptions } from 'lms-errors/nestjs';
import { AppModule } from './app.module.js';

/** The origin of the school's web app, served from elsewhere: its browser reads errors only with CORS. */
export const APP_ORIGIN = 'https://app.school.example';

/**
 * The app as a server's main.ts makes it, on Nest's Express platform (the default) or on Fastify,
 * listening on loopback (port 0: any free one).
 */
export async function startApp(
  lms: Lms,
  options: LmsExceptionFilterOptions,
  platform: 'express' | 'fastify' = 'express',
): Promise<{ app: INestApplication; url: string }> {
  let app: INestApplication;
  // A security header on every response, set the way each platform's helmet sets it: on
  // Fastify's reply in an onRequest hook, on Express's response in a middleware.
  if (platform === 'fastify') {
    const adapter = new FastifyAdapter();
    adapter.getInstance().addHook('onRequest', (_request, reply, done) => {
      reply.header('x-content-type-options', 'nosniff');
      done();
    });
    app = await NestFactory.create(AppModule, adapter, { logger: false });
  } else {
    app = await NestFactory.create(AppModule, { logger: false });
    app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
      response.setHeader('x-content-type-options', 'nosniff');
      next();
    });
  }
  // The page reads the retry hints and the catalogue revision only if they are exposed.
  app.enableCors({ origin: APP_ORIGIN, exposedHeaders: exposedHeaders(lms) });
  // Seed 003: class-validator failures are VALIDATION_FAILED with data.errors, the throttler's
  // 429 is RATE_LIMITED.
  app.useGlobalPipes(new ValidationPipe({ exceptionFactory: validationException }));
  app.useGlobalFilters(new LmsExceptionFilter(lms, { codeForStatus: { 429: 'RATE_LIMITED' }, ...options }));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
