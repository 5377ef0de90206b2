import {
  CHARGE_MODELS,
  ChargeModel,
  CODE_MAX_LENGTH,
  CODE_PATTERN,
  DESCRIPTION_MAX_LENGTH,
  Interval,
  INTERVALS,
  MAX_CHARGES,
  MAX_INTERVAL_COUNT,
  MAX_PLAN_PRICES,
  MAX_TIERS,
  MAX_TRIAL_DAYS,
  NAME_MAX_LENGTH,
} from '@billing/catalog';
import { METADATA_MAX_KEYS } from '@billing/kernel';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsStringMap } from '../http/string-map.validator';

/**
 * Shapes only: the catalog's domain (libs/catalog) checks the rules (code format, supported currencies, one
 * price per currency, tiers ascending, each model's fields, charges priced in the plan's currencies…) and
 * names the failing fields as `charges[0].prices[1].tiers[2].up_to`.
 */

/** Like @IsOptional(), but a null is refused: for fields that PATCH may leave out but not clear. */
const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = 'must be an ISO 4217 code in upper case';
const UNIT_AMOUNT_PATTERN = '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,12})?$';
export const UNIT_AMOUNT_DESCRIPTION =
  'Price of one unit, a decimal string in the minor unit of the currency ("0.05" = 0.05 cents), ≥ 0, at most 12 decimals.';

export class PlanPriceDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code, upper case; one price per currency.' })
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency: string;

  @ApiProperty({
    type: 'integer',
    example: 2900,
    minimum: 0,
    description: 'Recurring fee per unit of quantity, billed in advance, in the minor unit of the currency (2900 = USD 29.00).',
  })
  @IsInt()
  @Min(0)
  amount: number;
}

export class TierDto {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    example: 1000,
    description: 'Inclusive upper bound in units, ascending; null on the last tier and only there.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'must be a positive integer, or null on the last tier' })
  @Min(1)
  up_to: number | null;

  @ApiProperty({ example: '0.5', pattern: UNIT_AMOUNT_PATTERN, description: UNIT_AMOUNT_DESCRIPTION })
  @IsString()
  @MaxLength(40)
  unit_amount: string;

  @ApiPropertyOptional({ type: 'integer', example: 0, minimum: 0, description: 'Charged once for the tier, in minor units. Default: `0`.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  flat_amount?: number;
}

// Request schemas of the three price shapes, for the OpenAPI document; ChargePriceDto validates them.
export class PerUnitPriceDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '0.05', pattern: UNIT_AMOUNT_PATTERN, description: UNIT_AMOUNT_DESCRIPTION }) unit_amount: string;
}

export class TieredPriceDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: [TierDto], maxItems: MAX_TIERS, description: 'At least one tier; the last has `up_to: null`.' }) tiers: TierDto[];
}

export class PackagePriceDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer', example: 1000, minimum: 1, description: 'Units per package; a started package is charged whole.' })
  package_size: number;
  @ApiProperty({ type: 'integer', example: 500, minimum: 0, description: 'Price of one package, in minor units (500 = USD 5.00).' })
  package_amount: number;
}

/**
 * One price of a charge, whatever the model: the domain checks that the fields match the charge's model
 * (`per_unit`: unit_amount; `graduated`/`volume`: tiers; `package`: package_size and package_amount).
 */
export class ChargePriceDto {
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE }) currency: string;
  @IsOptional() @IsString() @MaxLength(40) unit_amount?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TIERS)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => TierDto)
  tiers?: TierDto[];

  @IsOptional() @IsInt() @Min(1) package_size?: number;
  @IsOptional() @IsInt() @Min(0) package_amount?: number;
}

export const CHARGE_PRICE_SCHEMAS = [PerUnitPriceDto, TieredPriceDto, PackagePriceDto];

export class ChargeDto {
  @ApiProperty({ example: 'api_calls', description: 'Code of an existing metric; one charge per metric.' })
  @IsString()
  @MaxLength(CODE_MAX_LENGTH)
  metric_code: string;

  @ApiProperty({
    enum: CHARGE_MODELS,
    enumName: 'ChargeModel',
    example: 'per_unit',
    description:
      '`per_unit`: quantity × unit_amount; `graduated`: each unit priced by its tier; `volume`: every unit priced at the ' +
      'tier the total falls in; `package`: package_amount per started package_size units.',
  })
  @IsIn(CHARGE_MODELS)
  model: ChargeModel;

  @ApiProperty({
    type: 'array',
    items: { oneOf: CHARGE_PRICE_SCHEMAS.map((schema) => ({ $ref: getSchemaPath(schema) })) },
    description: "One price per currency of the plan's `prices`, shaped by `model`.",
  })
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_PRICES)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => ChargePriceDto)
  prices: ChargePriceDto[];
}

const METADATA_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: `At most ${METADATA_MAX_KEYS} keys.`,
} as const;

export class CreatePlanDto {
  @ApiProperty({ example: 'pro_monthly', pattern: CODE_PATTERN.source, description: 'Unique; subscriptions may name the plan by it.' })
  @IsString()
  @MaxLength(CODE_MAX_LENGTH)
  code: string;

  @ApiProperty({ example: 'Pro (monthly)', maxLength: NAME_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(NAME_MAX_LENGTH) name: string;

  @ApiPropertyOptional({ example: 'For growing teams.', nullable: true, type: String, maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiProperty({ enum: INTERVALS, enumName: 'PlanInterval', example: 'month' }) @IsIn(INTERVALS) interval: Interval;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INTERVAL_COUNT.day,
    example: 1,
    description: `Intervals per period (3 months = quarterly). At most ${MAX_INTERVAL_COUNT.day} days, ${MAX_INTERVAL_COUNT.week} weeks, ${MAX_INTERVAL_COUNT.month} months or ${MAX_INTERVAL_COUNT.year} years. Default: \`1\`.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INTERVAL_COUNT.day)
  interval_count?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_TRIAL_DAYS,
    example: 14,
    description: 'Free days before the first period. Default: `0`.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TRIAL_DAYS)
  trial_days?: number;

  @ApiProperty({
    type: [PlanPriceDto],
    minItems: 1,
    maxItems: MAX_PLAN_PRICES,
    description: 'The recurring fee in each currency the plan is sold in; a subscription bills in its account’s currency.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_PRICES)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => PlanPriceDto)
  prices: PlanPriceDto[];

  @ApiPropertyOptional({
    type: [ChargeDto],
    maxItems: MAX_CHARGES,
    description: 'Usage charges, billed in arrears; each priced in exactly the currencies of `prices`.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHARGES)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  charges?: ChargeDto[];

  @ApiPropertyOptional(METADATA_SCHEMA) @IsOptional() @IsObject() @IsStringMap() metadata?: Record<string, string>;
}

/**
 * `name`, `description` and `metadata` change at any time; `prices` and `charges` (each replacing the whole
 * list) only while no subscription uses the plan: 409 `plan_in_use` otherwise. Sending them unchanged is fine.
 */
export class UpdatePlanDto {
  @ApiPropertyOptional({ example: 'Pro (monthly)', maxLength: NAME_MAX_LENGTH })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DESCRIPTION_MAX_LENGTH, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ ...METADATA_SCHEMA, description: `Replaces the whole map; at most ${METADATA_MAX_KEYS} keys.` })
  @IsOptionalNotNull()
  @IsObject()
  @IsStringMap()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: [PlanPriceDto], minItems: 1, maxItems: MAX_PLAN_PRICES, description: 'Replaces every price.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_PRICES)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => PlanPriceDto)
  prices?: PlanPriceDto[];

  @ApiPropertyOptional({ type: [ChargeDto], maxItems: MAX_CHARGES, description: 'Replaces every charge; `[]` removes them.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_CHARGES)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  charges?: ChargeDto[];
}
