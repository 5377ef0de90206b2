import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { SubscriptionStatus } from '../domain/subscription';
import type { SubscribedPlan } from '../domain/subscribed-plan';

/** The pending change as stored: dates as ISO strings inside jsonb. */
export interface StoredPendingChange {
  plan: SubscribedPlan;
  quantity: number;
  effective_at: string;
}

@Entity('subscriptions')
export class SubscriptionEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'account_id' }) accountId: string;
  @Column('text', { name: 'plan_id' }) planId: string;
  @Column('text', { name: 'plan_code' }) planCode: string;
  @Column('jsonb') plan: SubscribedPlan;
  @Column('integer') quantity: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') timezone: string;
  @Column('smallint', { name: 'bill_cycle_day', nullable: true }) billCycleDay: number | null;
  @Column('text') status: SubscriptionStatus;
  @Column('timestamptz') anchor: Date;
  @Column('smallint', { name: 'anchor_day', nullable: true }) anchorDay: number | null;
  @Column('integer', { name: 'billing_epoch' }) billingEpoch: number;
  @Column('timestamptz', { name: 'current_period_start' }) currentPeriodStart: Date;
  @Column('timestamptz', { name: 'current_period_end' }) currentPeriodEnd: Date;
  @Column('timestamptz', { name: 'trial_end', nullable: true }) trialEnd: Date | null;
  @Column('boolean', { name: 'trial_will_end_notified' }) trialWillEndNotified: boolean;
  @Column('boolean', { name: 'cancel_at_period_end' }) cancelAtPeriodEnd: boolean;
  @Column('boolean', { name: 'pause_at_period_end' }) pauseAtPeriodEnd: boolean;
  @Column('timestamptz', { name: 'canceled_at', nullable: true }) canceledAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('timestamptz', { name: 'paused_at', nullable: true }) pausedAt: Date | null;
  @Column('boolean', { name: 'paused_by_dunning' }) pausedByDunning: boolean;
  @Column('jsonb', { name: 'pending_change', nullable: true }) pendingChange: StoredPendingChange | null;
  @Column('jsonb') metadata: Record<string, string>;
  @VersionColumn() version: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
