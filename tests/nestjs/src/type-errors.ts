// Each line below must fail to compile (tests/node/nestjs.test.js expects exactly these errors).
import { AppException } from './app-exception.js';
import { ErrorCode } from './error-codes.js';

export const missingParams = () => new AppException(ErrorCode.NOT_FOUND);
export const wrongParam = () => new AppException(ErrorCode.NOT_FOUND, { name: 'student' });
export const halfTheParams = () => new AppException(ErrorCode.SETUP_STEP_MISMATCH, { expected: '3' });
export const paramsWhereNoneExist = () => new AppException(ErrorCode.INTERNAL_ERROR, { entity: 'student' });
export const unknownCode = () => new AppException('STUDENT_MISSING');
export const badOption = () => new AppException(ErrorCode.INTERNAL_ERROR, null, { retryAfter: '30' });
