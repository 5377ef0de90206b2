import { Counter, Histogram, register } from 'prom-client';

/**
 * The delivery metrics, in prom-client's process registry (the scheduler serves them on SCHEDULER_PORT). Looked
 * up by name before being made, as the scheduler's own are: tests run several platforms on one registry.
 */
function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/** Attempts by outcome: `succeeded` (2xx) or `failed` (any other answer, no answer, or refused by the SSRF policy). */
export function webhookDeliveriesTotal(): Counter<'status'> {
  return metric(
    'webhook_deliveries_total',
    () =>
      new Counter({
        name: 'webhook_deliveries_total',
        help: 'Webhook delivery attempts by outcome (succeeded: a 2xx answer; failed: any other answer, a timeout, a network error or a refused URL).',
        labelNames: ['status'],
        registers: [register],
      }),
  );
}

export function webhookDeliveryDuration(): Histogram<'status'> {
  return metric(
    'webhook_delivery_duration_seconds',
    () =>
      new Histogram({
        name: 'webhook_delivery_duration_seconds',
        help: "Duration of a webhook delivery attempt, from resolving the host to the receiver's status (or the failure), by outcome.",
        labelNames: ['status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [register],
      }),
  );
}
