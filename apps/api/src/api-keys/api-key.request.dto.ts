import { API_KEY_NAME_MAX_LENGTH } from '@billing/auth';
import { Role, ROLES } from '@billing/kernel';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM sync', description: 'What the key is for, to recognise it in lists.' })
  @IsString()
  @MinLength(1)
  @MaxLength(API_KEY_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'billing_admin' })
  @IsIn(ROLES)
  role: Role;
}
