import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MetricCodeTaken } from '../../domain/catalog.errors';
import { Metric } from '../../domain/metric';
import { MetricRepository } from '../../persistence/metric.repository';
import { MetricView, toMetricView } from '../../queries/metric.view';
import { CreateMetricCommand } from './create-metric.command';

@CommandHandler(CreateMetricCommand)
export class CreateMetricHandler implements ICommandHandler<CreateMetricCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly metrics: MetricRepository,
  ) {}

  async execute({ input, context }: CreateMetricCommand): Promise<MetricView> {
    try {
      return await this.writer.run(context, async (manager, now) => {
        const metric = Metric.define(input, now);
        return {
          result: toMetricView(metric.snapshot()),
          events: eventsOf('metric', metric.id, metric.pullEvents(), toMetricView),
          save: () => this.metrics.insert(manager, metric),
          audit: { action: 'create', resourceType: 'metric', resourceId: metric.id, before: null },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'metrics_code_unique')) throw new MetricCodeTaken(input.code);
      throw error;
    }
  }
}
