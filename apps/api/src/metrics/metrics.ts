import { Public } from '@billing/auth';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { makeCounterProvider, makeHistogramProvider, PrometheusController } from '@willsoto/nestjs-prometheus';

export const REQUEST_DURATION = 'api_request_duration_seconds';
export const ERRORS_TOTAL = 'api_errors_total';

export const metricProviders = [
  makeHistogramProvider({
    name: REQUEST_DURATION,
    help: 'HTTP request duration by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeCounterProvider({ name: ERRORS_TOTAL, help: 'Error answers by problem code and status.', labelNames: ['code', 'status'] }),
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
