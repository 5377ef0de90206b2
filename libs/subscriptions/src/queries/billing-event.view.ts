import type { BillingEventType } from '../domain/billing-event';
import type { UnbilledEvent } from '../persistence/unbilled-events';

/** A billing event as the API shows it (snake_case). */
export interface BillingEventView {
  id: string;
  object: 'billing_event';
  subscription_id: string;
  type: BillingEventType;
  effective_at: string;
  period_start: string;
  period_end: string;
  plan_id: string;
  plan_code: string;
  quantity: number;
  unit_amount: number;
  currency: string;
  amount: number | null;
}

export function toBillingEventView(event: UnbilledEvent): BillingEventView {
  return {
    id: event.id,
    object: 'billing_event',
    subscription_id: event.subscriptionId,
    type: event.type,
    effective_at: event.effectiveAt.toISOString(),
    period_start: event.periodStart.toISOString(),
    period_end: event.periodEnd.toISOString(),
    plan_id: event.planId,
    plan_code: event.planCode,
    quantity: event.quantity,
    unit_amount: event.unitAmount,
    currency: event.currency,
    amount: event.amount,
  };
}
