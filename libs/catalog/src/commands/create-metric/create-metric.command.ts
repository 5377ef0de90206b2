import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { DefineMetricInput } from '../../domain/metric';
import { MetricView } from '../../queries/metric.view';

export class CreateMetricCommand extends Command<MetricView> {
  constructor(
    readonly input: DefineMetricInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
