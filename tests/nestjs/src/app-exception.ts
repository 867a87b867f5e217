// Seed 003's AppException, typed by the generated error-code module: each code takes exactly
// the params its catalogue entry names (the same class as lms-errors/nestjs's at run time).
import { typedAppException } from 'lms-errors/nestjs';
import type { ErrorParams } from './error-codes.js';

export const AppException = typedAppException<ErrorParams>();
