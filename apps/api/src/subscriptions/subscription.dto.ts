import { MAX_QUANTITY } from '@billing/subscriptions';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';
import { IsStringMap } from '../http/string-map.validator';

const TIMINGS = ['immediate', 'end_of_period'] as const;
const PRORATIONS = ['prorate', 'none'] as const;
const STATUSES = ['trialing', 'active', 'paused', 'past_due', 'canceled'] as const;

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'acct_0Kx3…' }) @IsString() @MinLength(1) account_id: string;
  @ApiPropertyOptional({ description: 'The plan, by id; or give `plan_code`.' }) @IsOptional() @IsString() plan_id?: string;
  @ApiPropertyOptional({ example: 'pro-monthly' }) @IsOptional() @IsString() plan_code?: string;
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_QUANTITY })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; not in the past.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_at?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 730, description: "Overrides the plan's trial_days." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(730)
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
  @ApiPropertyOptional({ enum: TIMINGS, default: 'immediate' }) @IsOptional() @IsIn(TIMINGS) timing?: (typeof TIMINGS)[number];
  @ApiPropertyOptional({ enum: PRORATIONS, default: 'prorate' }) @IsOptional() @IsIn(PRORATIONS) proration?: (typeof PRORATIONS)[number];
}

export class CancelSubscriptionDto {
  @ApiPropertyOptional({ enum: TIMINGS, default: 'end_of_period' }) @IsOptional() @IsIn(TIMINGS) timing?: (typeof TIMINGS)[number];
  @ApiPropertyOptional({ enum: PRORATIONS, default: 'prorate', description: 'With `immediate`: whether unused time is credited.' })
  @IsOptional()
  @IsIn(PRORATIONS)
  proration?: (typeof PRORATIONS)[number];
}

export class PauseSubscriptionDto {
  @ApiPropertyOptional({ enum: TIMINGS, default: 'end_of_period', description: '`immediate` credits the unused days.' })
  @IsOptional()
  @IsIn(TIMINGS)
  timing?: (typeof TIMINGS)[number];
}

export class ListSubscriptionsQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}

class PendingChangeSchema {
  @ApiProperty() plan_id: string;
  @ApiProperty() plan_code: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ format: 'date-time' }) effective_at: string;
}

export class SubscriptionResponse {
  @ApiProperty({ example: 'sub_0Kx3…' }) id: string;
  @ApiProperty({ enum: ['subscription'] }) object: 'subscription';
  @ApiProperty() account_id: string;
  @ApiProperty() plan_id: string;
  @ApiProperty() plan_code: string;
  @ApiProperty({ type: 'integer', example: 1 }) quantity: number;
  @ApiProperty({ example: 'USD', description: "The account's currency, in which the plan is billed." }) currency: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ format: 'date-time', description: 'During a trial: the trial start.' }) current_period_start: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive. During a trial: the trial end.' }) current_period_end: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) trial_end: string | null;
  @ApiProperty() cancel_at_period_end: boolean;
  @ApiProperty({ description: 'Pauses when the current period ends.' }) pause_at_period_end: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) canceled_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) ended_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) paused_at: string | null;
  @ApiProperty({ type: PendingChangeSchema, nullable: true, description: 'An `end_of_period` change waiting for the renewal.' })
  pending_change: PendingChangeSchema | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

class BillingEventSchema {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['billing_event'] }) object: string;
  @ApiProperty() subscription_id: string;
  @ApiProperty({
    enum: ['trial_started', 'trial_ended', 'period_started', 'proration_credit', 'proration_charge', 'paused', 'resumed', 'canceled'],
  })
  type: string;
  @ApiProperty({ format: 'date-time' }) effective_at: string;
  @ApiProperty({ format: 'date-time' }) period_start: string;
  @ApiProperty({ format: 'date-time' }) period_end: string;
  @ApiProperty() plan_id: string;
  @ApiProperty() plan_code: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ type: 'integer', example: 3000, description: 'Recurring fee per unit, minor units.' }) unit_amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    type: 'integer',
    example: -2000,
    nullable: true,
    description: 'Minor units; negative for credits; null when nothing is billed.',
  })
  amount: number | null;
}

export class BillingEventsResponse {
  @ApiProperty({ type: [BillingEventSchema] }) data: BillingEventSchema[];
}
