import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Lms } from 'lms-errors';
import { LmsExceptionFilter, validationException, type LmsExceptionFilterOptions } from 'lms-errors/nestjs';
import { AppModule } from './app.module.js';

/** The app as a server's main.ts makes it, listening on loopback (port 0: any free one). */
export async function startApp(lms: Lms, options: LmsExceptionFilterOptions): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(AppModule, { logger: false });
  // Seed 003: class-validator failures are VALIDATION_FAILED with data.errors, the throttler's
  // 429 is RATE_LIMITED.
  app.useGlobalPipes(new ValidationPipe({ exceptionFactory: validationException }));
  app.useGlobalFilters(new LmsExceptionFilter(lms, { codeForStatus: { 429: 'RATE_LIMITED' }, ...options }));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
