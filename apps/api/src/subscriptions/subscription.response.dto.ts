import {
  BillingEventType,
  BillingEventView,
  ListBillingEventsQuery,
  SUBSCRIPTION_STATUSES,
  SubscriptionStatus,
  SubscriptionView,
} from '@billing/subscriptions';
import { QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';

class PendingChangeSchema implements NonNullable<SubscriptionView['pending_change']> {
  @ApiProperty() plan_id: string;
  @ApiProperty() plan_code: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ format: 'date-time' }) effective_at: string;
}

export class SubscriptionResponse implements SubscriptionView {
  @ApiProperty({ example: 'sub_0Kx3…' }) id: string;
  @ApiProperty({ enum: ['subscription'] }) object: 'subscription';
  @ApiProperty() account_id: string;
  @ApiProperty() plan_id: string;
  @ApiProperty() plan_code: string;
  @ApiProperty({ type: 'integer', example: 1 }) quantity: number;
  @ApiProperty({ example: 'USD', description: "The account's currency, in which the plan is billed." }) currency: string;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES, enumName: 'SubscriptionStatus' }) status: SubscriptionStatus;
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

class BillingEventSchema implements BillingEventView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['billing_event'] }) object: 'billing_event';
  @ApiProperty() subscription_id: string;
  @ApiProperty({
    enum: ['trial_started', 'trial_ended', 'period_started', 'proration_credit', 'proration_charge', 'paused', 'resumed', 'canceled'],
  })
  type: BillingEventType;
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

export class BillingEventsResponse implements QueryResult<ListBillingEventsQuery> {
  @ApiProperty({ type: [BillingEventSchema] }) data: BillingEventSchema[];
}
