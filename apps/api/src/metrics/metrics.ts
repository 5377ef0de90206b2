import { Public } from '@billing/auth';
import { Controller, Get, Injectable, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  PrometheusController,
} from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { BacklogMetrics } from './backlog.metric';

export const REQUEST_DURATION = 'api_request_duration_seconds';
export const ERRORS_TOTAL = 'api_errors_total';
export const PAYMENTS_ATTEMPTED = 'payments_attempted_total';
export const MRR = 'mrr_dollars';

/** The outcomes a payment attempt will be counted under; declared at 0 so that rates and alerts work from day one. */
const PAYMENT_STATUSES = ['succeeded', 'failed'];

/** Declares the contract's payment metrics, which stay 0 until payments exist (Stripe is validated, not used yet). */
@Injectable()
export class PlannedMetrics {
  constructor(@InjectMetric(PAYMENTS_ATTEMPTED) payments: Counter<'status'>) {
    for (const status of PAYMENT_STATUSES) payments.inc({ status }, 0);
  }
}

/**
 * Every metric of the api's /metrics beyond prom-client's process metrics and invoices_generated_total
 * (invoices-generated.metric.ts). Nothing here reads the database at scrape time: the gauges that need it are
 * refreshed in the background (background-refresh.ts), so a scrape answers whatever the database does.
 */
export const metricProviders = [
  makeHistogramProvider({
    name: REQUEST_DURATION,
    help: 'HTTP request duration by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeCounterProvider({ name: ERRORS_TOTAL, help: 'Error answers by problem code and status.', labelNames: ['code', 'status'] }),
  makeCounterProvider({
    name: PAYMENTS_ATTEMPTED,
    help: 'Payment attempts by outcome (succeeded, failed); 0 until payments exist.',
    labelNames: ['status'],
  }),
  makeGaugeProvider({ name: MRR, help: 'Monthly recurring revenue in dollars; 0 until payments exist.' }),
  PlannedMetrics,
  BacklogMetrics,
];

@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @Public()
  override index(@Res({ passthrough: true }) response: unknown) {
    return super.index(response);
  }
}
