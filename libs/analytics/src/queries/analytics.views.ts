import type { ChurnPoint, LtvPoint, MrrPoint } from '../domain/analytics-series';

/** What the API answers: amounts in minor units of `currency`, dates YYYY-MM-DD (the state at the end of that day, UTC). */
export interface MrrPointView {
  date: string;
  mrr: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  active_subscriptions: number;
  active_accounts: number;
}

export interface MrrSeriesView {
  object: 'mrr_series';
  currency: string;
  interval: string;
  data: MrrPointView[];
}

export interface ChurnPointView {
  period_start: string;
  date: string;
  logo_churn: string | null;
  revenue_churn: string | null;
}

export interface ChurnSeriesView {
  object: 'churn_series';
  currency: string;
  interval: string;
  data: ChurnPointView[];
}

export interface LtvPointView {
  date: string;
  arpa: number | null;
  revenue_churn: string | null;
  ltv: number | null;
}

export interface LtvSeriesView {
  object: 'ltv_series';
  currency: string;
  interval: string;
  data: LtvPointView[];
}

export function toMrrPointView(point: MrrPoint): MrrPointView {
  return {
    date: point.date,
    mrr: point.mrr,
    new: point.new,
    expansion: point.expansion,
    contraction: point.contraction,
    churn: point.churn,
    reactivation: point.reactivation,
    active_subscriptions: point.activeSubscriptions,
    active_accounts: point.activeAccounts,
  };
}

export function toChurnPointView(point: ChurnPoint): ChurnPointView {
  return { period_start: point.periodStart, date: point.date, logo_churn: point.logoChurn, revenue_churn: point.revenueChurn };
}

export function toLtvPointView(point: LtvPoint): LtvPointView {
  return { date: point.date, arpa: point.arpa, revenue_churn: point.revenueChurn, ltv: point.ltv };
}
