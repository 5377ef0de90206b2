import {
  PERCENTAGE_PATTERN,
  TAX_RATE_DESCRIPTION_MAX_LENGTH,
  TAX_RATE_NAME_MAX_LENGTH,
  TAX_RATE_REGION_MAX_LENGTH,
} from '@billing/invoicing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

/**
 * Shapes only: the tax-rates domain (libs/invoicing/src/tax-rates) checks the rules (percentage range and
 * decimals, ISO country, non-blank name and region) and names the failing fields.
 */

/** Like @IsOptional(), but a null is refused: for fields that PATCH may leave out but not clear. */
const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

export const PERCENTAGE_DESCRIPTION =
  'The rate in percent, a decimal string: 0 ≤ p < 100, at most 4 decimals ("20.0" = 20 %). Answered in canonical form ' +
  '(trailing zeros dropped, at least one decimal: "20" → "20.0"). Never changes once created.';
export const REGION_DESCRIPTION =
  'A state, province or region of the country, matched case-insensitively against the account’s `address.region`. ' +
  'A rate with the account’s country and region wins over the country’s rate without region. Null: the whole country.';

export class CreateTaxRateDto {
  @ApiProperty({ example: 'VAT DE', minLength: 1, maxLength: TAX_RATE_NAME_MAX_LENGTH, description: 'Shown on invoices beside the tax.' })
  @IsString()
  name: string;

  @ApiProperty({ example: '19.0', pattern: PERCENTAGE_PATTERN.source, description: PERCENTAGE_DESCRIPTION })
  @IsString()
  percentage: string;

  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code, upper case.' })
  @IsString()
  country: string;

  @ApiPropertyOptional({
    example: 'BY',
    minLength: 1,
    maxLength: TAX_RATE_REGION_MAX_LENGTH,
    nullable: true,
    type: String,
    description: REGION_DESCRIPTION,
  })
  @IsOptional()
  @IsString()
  region?: string | null;

  @ApiPropertyOptional({
    description:
      'True: line amounts already include the tax (tax = amount − amount / (1 + p/100)). False: the tax is added on top. Default: `false`.',
  })
  @IsOptional()
  @IsBoolean()
  inclusive?: boolean;

  @ApiPropertyOptional({ example: 'German VAT, standard rate', maxLength: TAX_RATE_DESCRIPTION_MAX_LENGTH, nullable: true, type: String })
  @IsOptional()
  @IsString()
  description?: string | null;
}

export class UpdateTaxRateDto {
  @ApiPropertyOptional({ example: 'VAT DE (standard)', minLength: 1, maxLength: TAX_RATE_NAME_MAX_LENGTH })
  @IsOptionalNotNull()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ maxLength: TAX_RATE_DESCRIPTION_MAX_LENGTH, nullable: true, type: String, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    example: false,
    description:
      'False: no longer applied to new invoices (issued ones keep it). True again: 409 `tax_rate_exists` while another rate is active for the same place.',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class ListTaxRatesQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'DE', pattern: '^[A-Z]{2}$', description: 'Only the rates of this country.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in upper case' })
  country?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only active (`true`) or only inactive (`false`) rates.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;
}
