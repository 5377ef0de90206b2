/** A subscription's usage so far in its current usage window, as the API shows it. */
export interface MetricUsageView {
  metric_code: string;
  /** Decimal string. */
  quantity: string;
  /** Minor units of `currency`, rounded once for the metric (as its invoice line will be). */
  amount: number;
  /** Average price per unit in minor units (decimal string). */
  unit_amount: string;
  description: string;
}

export interface CurrentUsageView {
  object: 'subscription_usage';
  subscription_id: string;
  period_start: string;
  period_end: string;
  currency: string;
  /** The sum of the metrics' amounts: what the period's usage would bill if it ended now. */
  amount: number;
  metrics: MetricUsageView[];
}
