import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MetricCodeTaken } from '../../domain/catalog.errors';
import { Metric, MetricView, toMetricView } from '../../domain/metric';
import { MetricRepository } from '../../persistence/metric.repository';
import { CreateMetricCommand } from './create-metric.command';

@CommandHandler(CreateMetricCommand)
export class CreateMetricHandler implements ICommandHandler<CreateMetricCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateMetricCommand): Promise<MetricView> {
    const now = this.clock.now();
    const metric = Metric.define(input, now);
    const view = toMetricView(metric.snapshot());
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.metrics.insert(manager, metric);
        await appendToOutbox(manager, metric.pullEvents(), context.requestId);
        await recordAudit(manager, context, {
          action: 'create',
          resourceType: 'metric',
          resourceId: metric.id,
          before: null,
          after: view,
          at: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'metrics_code_unique')) throw new MetricCodeTaken(input.code);
      throw error;
    }
    return view;
  }
}
