import { Public } from '@billing/auth';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { makeCounterProvider, makeHistogramProvider, PrometheusController } from '@willsoto/nestjs-prometheus';
import { BacklogMetrics } from './backlog.metric';

export const REQUEST_DURATION = 'api_request_duration_seconds';
export const ERRORS_TOTAL = 'api_errors_total';
export const MRR = 'mrr_dollars';

/**
 * Every metric of the api's /metrics beyond prom-client's process metrics, invoices_generated_total
 * (invoices-generated.metric.ts), payments_attempted_total (payments-attempted.metric.ts) and mrr_dollars
 * (mrr.metric.ts). Nothing here reads
 * the database at scrape time: the gauges that need it are refreshed in the background (background-refresh.ts),
 * so a scrape answers whatever the database does.
 */
export const metricProviders = [
  makeHistogramProvider({
    name: REQUEST_DURATION,
    help: 'HTTP request duration by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeCounterProvider({ name: ERRORS_TOTAL, help: 'Error answers by problem code and status.', labelNames: ['code', 'status'] }),
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
