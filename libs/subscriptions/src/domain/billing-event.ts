import { newId } from '@billing/kernel';
import { BillingPeriod } from './periods';

/**
 * A fact the invoicing engine bills from, recorded in the same transaction as the subscription change
 * (Kill Bill's separation of subscription and invoice). Amounts are minor units; `amount` is null for
 * facts that bill nothing by themselves (a trial starting, a pause).
 */
export type BillingEventType =
  | 'trial_started'
  | 'trial_ended'
  | 'period_started'
  | 'proration_credit'
  | 'proration_charge'
  | 'plan_changed'
  | 'paused'
  | 'resumed'
  | 'canceled';

export interface BillingEvent {
  id: string;
  subscriptionId: string;
  accountId: string;
  type: BillingEventType;
  effectiveAt: Date;
  periodStart: Date;
  periodEnd: Date;
  planId: string;
  planCode: string;
  quantity: number;
  unitAmount: number;
  currency: string;
  amount: number | null;
  /** The subscription's billing epoch when recorded (see SubscriptionProps.billingEpoch). */
  epoch: number;
  createdAt: Date;
}

export type BillingEventInput = Omit<BillingEvent, 'id' | 'createdAt'>;

export function billingEvent(input: BillingEventInput, now: Date): BillingEvent {
  return { id: newId('be'), ...input, createdAt: now };
}

export function periodOf(event: Pick<BillingEvent, 'periodStart' | 'periodEnd'>): BillingPeriod {
  return { start: event.periodStart, end: event.periodEnd };
}
