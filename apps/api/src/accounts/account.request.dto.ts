import {
  ACCOUNT_EXTERNAL_KEY_MAX_LENGTH,
  ACCOUNT_NAME_MAX_LENGTH,
  ACCOUNT_TAX_ID_MAX_LENGTH,
  ADDRESS_MAX_LENGTH,
  MAX_BILL_CYCLE_DAY,
  MAX_NET_TERMS_DAYS,
} from '@billing/accounts';
import { METADATA_MAX_KEYS } from '@billing/kernel';
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
  @ApiPropertyOptional({ example: 'Friedrichstraße 68' }) @IsOptional() @IsString() @MaxLength(ADDRESS_MAX_LENGTH.line1) line1?: string;
  @ApiPropertyOptional({ example: '3rd floor' }) @IsOptional() @IsString() @MaxLength(ADDRESS_MAX_LENGTH.line2) line2?: string;
  @ApiPropertyOptional({ example: 'Berlin' }) @IsOptional() @IsString() @MaxLength(ADDRESS_MAX_LENGTH.city) city?: string;
  @ApiPropertyOptional({ example: 'BE', description: 'State, province or region code.' })
  @IsOptional()
  @IsString()
  @MaxLength(ADDRESS_MAX_LENGTH.region)
  region?: string;
  @ApiPropertyOptional({ example: '10117' }) @IsOptional() @IsString() @MaxLength(ADDRESS_MAX_LENGTH.postal_code) postal_code?: string;
  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'Acme GmbH' }) @IsString() @MinLength(1) @MaxLength(ACCOUNT_NAME_MAX_LENGTH) name: string;
  @ApiProperty({ example: 'billing@acme.test' }) @IsEmail() email: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code, upper case.' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code in upper case' })
  currency: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA zone in which billing dates are computed. Default: `UTC`.' })
  @IsOptional()
  @IsString()
  timezone?: string;
  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @ApiPropertyOptional({ description: 'Default: `false`.' }) @IsOptional() @IsBoolean() tax_exempt?: boolean;
  @ApiPropertyOptional({ example: 'DE123456789' }) @IsOptional() @IsString() @MaxLength(ACCOUNT_TAX_ID_MAX_LENGTH) tax_id?: string;
  @ApiPropertyOptional({ example: 'crm-00042', description: 'Your own unique key for the account.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ACCOUNT_EXTERNAL_KEY_MAX_LENGTH)
  external_key?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_BILL_CYCLE_DAY })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BILL_CYCLE_DAY)
  bill_cycle_day?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_NET_TERMS_DAYS, description: 'Default: `0`.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_NET_TERMS_DAYS)
  net_terms_days?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: `At most ${METADATA_MAX_KEYS} keys.` })
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
