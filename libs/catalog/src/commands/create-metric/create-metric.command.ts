import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { DefineMetricInput, MetricView } from '../../domain/metric';

export class CreateMetricCommand extends Command<MetricView> {
  constructor(
    readonly input: DefineMetricInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
