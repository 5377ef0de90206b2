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

const PERCENTAGE_DESCRIPTION =
  'The rate in percent, a decimal string: 0 ≤ p < 100, at most 4 decimals ("20.0" = 20 %). Answered in canonical form ' +
  '(trailing zeros dropped, at least one decimal: "20" → "20.0"). Never changes once created.';
const REGION_DESCRIPTION =
  'A state, province or region of the country, matched case-insensitively against the account’s `address.region`. ' +
  'A rate with the account’s country and region wins over the country’s rate without region. Null: the whole country.';

export class CreateTaxRateDto {
  @ApiProperty({ example: 'VAT DE', minLength: 1, maxLength: 200, description: 'Shown on invoices beside the tax.' })
  @IsString()
  name: string;

  @ApiProperty({ example: '19.0', pattern: '^\\d{1,2}(\\.\\d{1,4})?$', description: PERCENTAGE_DESCRIPTION })
  @IsString()
  percentage: string;

  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code, upper case.' })
  @IsString()
  country: string;

  @ApiPropertyOptional({ example: 'BY', minLength: 1, maxLength: 100, nullable: true, type: String, description: REGION_DESCRIPTION })
  @IsOptional()
  @IsString()
  region?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'True: line amounts already include the tax (tax = amount − amount / (1 + p/100)). False: the tax is added on top.',
  })
  @IsOptional()
  @IsBoolean()
  inclusive?: boolean;

  @ApiPropertyOptional({ example: 'German VAT, standard rate', maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  description?: string | null;
}

export class UpdateTaxRateDto {
  @ApiPropertyOptional({ example: 'VAT DE (standard)', minLength: 1, maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String, description: 'null clears it.' })
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

export class TaxRateResponse {
  @ApiProperty({ example: 'txr_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ enum: ['tax_rate'] }) object: 'tax_rate';
  @ApiProperty({ example: 'VAT DE' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'German VAT, standard rate' }) description: string | null;
  @ApiProperty({ example: '19.0', description: PERCENTAGE_DESCRIPTION }) percentage: string;
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2.' }) country: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: REGION_DESCRIPTION }) region: string | null;
  @ApiProperty({ example: false, description: 'Whether line amounts include the tax.' }) inclusive: boolean;
  @ApiProperty({ example: true, description: 'Whether new invoices apply the rate.' }) active: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
