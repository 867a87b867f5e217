import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, MaxLength, ValidateNested } from 'class-validator';

export class AnagraphicDto {
  @IsNotEmpty()
  @MaxLength(100, { context: { max: '100' } })
  firstName!: string;
}

/** Seed 003's validation example: a flat field and a nested one. */
export class CreateStudentDto {
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => AnagraphicDto)
  anagraphic!: AnagraphicDto;
}
