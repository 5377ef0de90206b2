import { Metric } from '../domain/metric';
import { MetricsByCode, Plan } from '../domain/plan';
import { toMetricView } from './metric.view';
import { toPlanView } from './plan.view';

const now = new Date('2026-03-01T12:00:00Z');

describe(toMetricView.name, () => {
  it('shows a metric as the API does', () => {
    const metric = Metric.define({ code: 'storage', name: 'Storage', aggregation: 'max' }, now);
    expect(toMetricView(metric.snapshot())).toEqual({
      id: metric.id,
      object: 'metric',
      code: 'storage',
      name: 'Storage',
      aggregation: 'max',
      field: null,
      created_at: '2026-03-01T12:00:00.000Z',
    });
  });
});

describe(toPlanView.name, () => {
  it('shows a plan as the API does: snake_case, prices and charges in their wire spelling', () => {
    const metrics: MetricsByCode = new Map([['api_calls', { id: 'bm_calls', code: 'api_calls' }]]);
    const plan = Plan.create(
      {
        code: 'pro',
        name: 'Pro',
        interval: 'month',
        prices: [{ currency: 'USD', amount: 2900 }],
        charges: [{ metricCode: 'api_calls', model: 'per_unit', prices: [{ currency: 'USD', unitAmount: '0.5' }] }],
      },
      metrics,
      now,
    );
    expect(toPlanView(plan.snapshot())).toMatchObject({
      object: 'plan',
      code: 'pro',
      description: null,
      interval: 'month',
      interval_count: 1,
      trial_days: 0,
      prices: [{ currency: 'USD', amount: 2900 }],
      charges: [{ metric_id: 'bm_calls', metric_code: 'api_calls', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.5' }] }],
      metadata: {},
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
  });
});
