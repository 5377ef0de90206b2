import type { BillingEventType } from '../domain/billing-event';

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
