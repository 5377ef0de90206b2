import type { Charge, ChargeModel, ChargePriceView } from '../domain/charge-models';
import { toChargePriceView } from '../domain/charge-models';
import type { Interval, PlanProps } from '../domain/plan';

/** A plan as the API shows it, and the payload of its events. */
export interface PlanPriceView {
  currency: string;
  amount: number;
}

export interface ChargeView {
  id: string;
  metric_id: string;
  metric_code: string;
  model: ChargeModel;
  prices: ChargePriceView[];
}

export interface PlanView {
  id: string;
  object: 'plan';
  code: string;
  name: string;
  description: string | null;
  interval: Interval;
  interval_count: number;
  trial_days: number;
  prices: PlanPriceView[];
  charges: ChargeView[];
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export function toChargeView(charge: Charge): ChargeView {
  return {
    id: charge.id,
    metric_id: charge.metricId,
    metric_code: charge.metricCode,
    model: charge.model,
    prices: (charge.prices as Charge['prices'][number][]).map(toChargePriceView),
  };
}

export function toPlanView(props: Readonly<PlanProps>): PlanView {
  return {
    id: props.id,
    object: 'plan',
    code: props.code,
    name: props.name,
    description: props.description,
    interval: props.interval,
    interval_count: props.intervalCount,
    trial_days: props.trialDays,
    prices: props.prices.map((price) => ({ currency: price.currency, amount: price.amount })),
    charges: props.charges.map(toChargeView),
    metadata: props.metadata,
    created_at: props.createdAt.toISOString(),
    updated_at: props.updatedAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'plan.created': PlanView;
    'plan.updated': PlanView;
  }
}
