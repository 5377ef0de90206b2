import { MAX_TRIAL_DAYS } from '@billing/catalog';
import { MAX_QUANTITY, Proration, PRORATIONS, SUBSCRIPTION_STATUSES, SubscriptionStatus, Timing, TIMINGS } from '@billing/subscriptions';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';
import { IsStringMap } from '../http/string-map.validator';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'acct_0Kx3…' }) @IsString() @MinLength(1) account_id: string;
  @ApiPropertyOptional({ description: 'The plan, by id; or give `plan_code`.' }) @IsOptional() @IsString() plan_id?: string;
  @ApiPropertyOptional({ example: 'pro-monthly' }) @IsOptional() @IsString() plan_code?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_QUANTITY, description: 'Default: `1`.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; not in the past.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_at?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_TRIAL_DAYS, description: "Overrides the plan's trial_days." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TRIAL_DAYS)
  trial_days?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  @IsStringMap()
  metadata?: Record<string, string>;
}

export class ChangeSubscriptionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() plan_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() plan_code?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_QUANTITY })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;
  @ApiPropertyOptional({ enum: TIMINGS, enumName: 'ChangeTiming', description: 'Default: `immediate`.' })
  @IsOptional()
  @IsIn(TIMINGS)
  timing?: Timing;
  @ApiPropertyOptional({ enum: PRORATIONS, enumName: 'Proration', description: 'Default: `prorate`.' })
  @IsOptional()
  @IsIn(PRORATIONS)
  proration?: Proration;
}

export class CancelSubscriptionDto {
  @ApiPropertyOptional({ enum: TIMINGS, enumName: 'ChangeTiming', description: 'Default: `end_of_period`.' })
  @IsOptional()
  @IsIn(TIMINGS)
  timing?: Timing;
  @ApiPropertyOptional({
    enum: PRORATIONS,
    enumName: 'Proration',
    description: 'With `immediate`: whether unused time is credited. Default: `prorate`.',
  })
  @IsOptional()
  @IsIn(PRORATIONS)
  proration?: Proration;
}

export class PauseSubscriptionDto {
  @ApiPropertyOptional({
    enum: TIMINGS,
    enumName: 'ChangeTiming',
    description: '`immediate` credits the unused days. Default: `end_of_period`.',
  })
  @IsOptional()
  @IsIn(TIMINGS)
  timing?: Timing;
}

export class ListSubscriptionsQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES, enumName: 'SubscriptionStatus' })
  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES)
  status?: SubscriptionStatus;
}
