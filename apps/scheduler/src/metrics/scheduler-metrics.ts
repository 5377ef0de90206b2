import { QUEUES } from '@billing/core';
import { webhookDeliveriesTotal, webhookDeliveryDuration } from '@billing/webhooks';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

/**
 * The scheduler's metrics, in prom-client's process registry (served by health/operations-server.ts). Each is
 * looked up by name before it is made, because the end-to-end tests run the api and the scheduler in one
 * process, on one registry, which they clear between platforms.
 */
function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export function billRunDuration(): Histogram<'outcome'> {
  return metric(
    'bill_run_duration_seconds',
    () =>
      new Histogram({
        name: 'bill_run_duration_seconds',
        help: 'Duration of a billing cycle run (renewals, then the bill run), by outcome (success, error).',
        labelNames: ['outcome'],
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
        registers: [register],
      }),
  );
}

export function billRunInvoices(): Histogram {
  return metric(
    'bill_run_invoices',
    () =>
      new Histogram({
        name: 'bill_run_invoices',
        help: 'Invoices issued by one billing cycle run.',
        buckets: [0, 1, 10, 100, 1000, 10000, 100000],
        registers: [register],
      }),
  );
}

/**
 * Declares every series at start, so that rates and alerts see 0 rather than nothing before the first event:
 * the failure counters that libs/core's WorkFailures increments (same names, help and labels; it finds these
 * in the registry), the bill run's histograms and the process metrics.
 */
@Injectable()
export class SchedulerMetrics {
  constructor() {
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register });
    metric(
      'renewal_failures_total',
      () =>
        new Counter({
          name: 'renewal_failures_total',
          help: 'Subscriptions whose renewal failed (the rest of their chunk renewed).',
          registers: [register],
        }),
    );
    metric(
      'bill_run_failures_total',
      () =>
        new Counter({
          name: 'bill_run_failures_total',
          help: 'Subscriptions the bill run could not invoice (the rest of their chunk was invoiced).',
          registers: [register],
        }),
    );
    const jobFailures = metric(
      'job_failures_total',
      () =>
        new Counter({
          name: 'job_failures_total',
          help: 'Queued jobs that threw, by queue.',
          labelNames: ['queue'],
          registers: [register],
        }),
    );
    for (const queue of Object.values(QUEUES)) jobFailures.inc({ queue }, 0);
    billRunDuration();
    billRunInvoices();
    for (const status of ['succeeded', 'failed']) webhookDeliveriesTotal().inc({ status }, 0);
    webhookDeliveryDuration();
  }
}
