import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsStringMap } from '../http/string-map.validator';
import { PageQuery } from '../http/pagination.dto';

export class AddressDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line1?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ description: 'State, province or region code.' }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) postal_code?: string;
  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'Acme GmbH' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 'billing@acme.test' }) @IsEmail() email: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code, upper case.' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code in upper case' })
  currency: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin', default: 'UTC', description: 'IANA zone in which billing dates are computed.' })
  @IsOptional()
  @IsString()
  timezone?: string;
  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() tax_exempt?: boolean;
  @ApiPropertyOptional({ example: 'DE123456789' }) @IsOptional() @IsString() @MaxLength(50) tax_id?: string;
  @ApiPropertyOptional({ description: 'Your own unique key for the account.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  external_key?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 31 }) @IsOptional() @IsInt() @Min(1) @Max(31) bill_cycle_day?: number;
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  net_terms_days?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'At most 50 keys.' })
  @IsOptional()
  @IsObject()
  @IsStringMap()
  metadata?: Record<string, string>;
}

export class UpdateAccountDto extends PartialType(CreateAccountDto) {}

export class ListAccountsQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() external_key?: string;
}

export class AccountResponse {
  @ApiProperty({ example: 'acct_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['account'] }) object: 'account';
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'UTC' }) timezone: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: AddressDto }) address: AddressDto | null;
  @ApiProperty() tax_exempt: boolean;
  @ApiProperty({ nullable: true, type: String }) tax_id: string | null;
  @ApiProperty({ nullable: true, type: String }) external_key: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) bill_cycle_day: number | null;
  @ApiProperty({ type: 'integer' }) net_terms_days: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ type: 'integer', description: 'Credit in the minor unit of the account currency.', example: 0 }) credit_balance: number;
  @ApiProperty({ enum: ['ok', 'warning', 'blocked', 'cancelled'] }) overdue_state: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
