import {
  CHARGE_MODELS,
  ChargeModel,
  ChargePriceView,
  ChargeView,
  Interval,
  INTERVALS,
  PlanPriceView,
  PlanView,
  TierView,
} from '@billing/catalog';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { UNIT_AMOUNT_DESCRIPTION } from './plan.request.dto';

export class PlanPriceResponse implements PlanPriceView {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer', example: 2900, description: 'Recurring fee per unit of quantity, in minor units (2900 = USD 29.00).' })
  amount: number;
}

export class TierResponse implements TierView {
  @ApiProperty({ type: 'integer', nullable: true, example: 1000, description: 'Inclusive upper bound in units; null on the last tier.' })
  up_to: number | null;
  @ApiProperty({ example: '0.5', description: UNIT_AMOUNT_DESCRIPTION }) unit_amount: string;
  @ApiProperty({ type: 'integer', example: 0, description: 'Charged once for the tier, in minor units.' }) flat_amount: number;
}

export class PerUnitPriceResponse implements Extract<ChargePriceView, { unit_amount: string }> {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '0.05', description: UNIT_AMOUNT_DESCRIPTION }) unit_amount: string;
}

export class TieredPriceResponse implements Extract<ChargePriceView, { tiers: TierView[] }> {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: [TierResponse] }) tiers: TierResponse[];
}

export class PackagePriceResponse implements Extract<ChargePriceView, { package_size: number }> {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer', example: 1000, description: 'Units per package.' }) package_size: number;
  @ApiProperty({ type: 'integer', example: 500, description: 'Price of one started package, in minor units (500 = USD 5.00).' })
  package_amount: number;
}

export const CHARGE_PRICE_RESPONSE_SCHEMAS = [PerUnitPriceResponse, TieredPriceResponse, PackagePriceResponse];

export class ChargeResponse implements ChargeView {
  @ApiProperty({ example: 'chg_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ example: 'bm_0Qx2LmA5k1c9XkR2bT7ZpQ' }) metric_id: string;
  @ApiProperty({ example: 'api_calls' }) metric_code: string;
  @ApiProperty({ enum: CHARGE_MODELS, enumName: 'ChargeModel', example: 'graduated' }) model: ChargeModel;
  @ApiProperty({
    type: 'array',
    items: { oneOf: CHARGE_PRICE_RESPONSE_SCHEMAS.map((schema) => ({ $ref: getSchemaPath(schema) })) },
    description: 'One price per currency of the plan, shaped by `model`.',
  })
  prices: ChargePriceView[];
}

export class PlanResponse implements PlanView {
  @ApiProperty({ example: 'plan_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ enum: ['plan'] }) object: 'plan';
  @ApiProperty({ example: 'pro_monthly' }) code: string;
  @ApiProperty({ example: 'Pro (monthly)' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'For growing teams.' }) description: string | null;
  @ApiProperty({ enum: INTERVALS, enumName: 'PlanInterval', example: 'month' }) interval: Interval;
  @ApiProperty({ type: 'integer', example: 1 }) interval_count: number;
  @ApiProperty({ type: 'integer', example: 14 }) trial_days: number;
  @ApiProperty({ type: [PlanPriceResponse], description: 'Sorted by currency.' }) prices: PlanPriceResponse[];
  @ApiProperty({ type: [ChargeResponse] }) charges: ChargeResponse[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
