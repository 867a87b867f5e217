import { Body, Controller, Get, HttpException, NotFoundException, Param, Post, Query, ServiceUnavailableException } from '@nestjs/common';
import { AppException as UntypedAppException, type AppExceptionOptions } from 'lms-errors/nestjs';
import { AppException } from './app-exception.js';
import { CreateStudentDto } from './create-student.dto.js';
import { ErrorCode } from './error-codes.js';

/** What a seed-003 service throws, one handler per kind of failure. */
@Controller('api/v1')
export class SchoolController {
  @Get('students/:id')
  student(@Param('id') id: string): never {
    // The database's words go to the log with the exception, never to the client.
    const dbError = new Error(`prisma P2025: no Student row for id ${id} on db-host-7`);
    throw new AppException(ErrorCode.NOT_FOUND, { entity: 'student' }, { cause: dbError });
  }

  /** Reached only with a valid body: the global ValidationPipe answers everything else. */
  @Post('students')
  createStudent(@Body() student: CreateStudentDto): never {
    throw new AppException(ErrorCode.CONFLICT, { entity: 'student' }, { cause: new Error(`unique constraint on email ${student.email}`) });
  }

  /** What @nestjs/throttler throws when a client is over its limit. */
  @Post('login')
  login(): never {
    throw new HttpException('ThrottlerException: Too Many Requests', 429);
  }

  @Post('setup/step')
  setupStep(@Body() body: { currentStep?: string }): never {
    throw new AppException(ErrorCode.SETUP_STEP_MISMATCH, { expected: '3', received: String(body.currentStep) });
  }

  @Post('setup/periods')
  setupPeriods(): never {
    throw new AppException(ErrorCode.SETUP_VALIDATION_FAILED, { reason: 'overlap', field: 'periods' });
  }

  @Post('imports')
  importStudents(): never {
    const errors = [{ code: 'FIELD_INVALID', column: 'gender', rows: '2-5, 8', allowedValues: ['MALE', 'FEMALE'] }];
    throw new AppException(ErrorCode.IMPORT_VALIDATION_FAILED, null, { data: { errors } });
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection to db-host-7:5432 refused (password authentication failed for user "lms")');
  }

  @Get('teachers/:id')
  teacher(): never {
    throw new NotFoundException();
  }

  @Get('classes/:id')
  schoolClass(): never {
    throw new NotFoundException('Class not found');
  }

  @Get('reports')
  reports(): never {
    throw new ServiceUnavailableException('report worker on db-host-7 is down');
  }

  /** Nest's HttpException with only a status: the seed's HTTP_<status> fallback. */
  @Get('http/:status')
  http(@Param('status') status: string, @Query('text') text?: string): never {
    throw new HttpException(text ?? { statusCode: Number(status) }, Number(status));
  }

  /** Any code with any params: how the test reaches every catalogue entry (and bad ones). */
  @Post('throw')
  throwCode(@Body() body: { code: string; params?: Record<string, string>; options?: AppExceptionOptions }): never {
    throw new UntypedAppException(body.code, body.params, body.options);
  }
}
