import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PlanCodeTaken } from '../../domain/catalog.errors';
import { Plan, PlanView, toPlanView } from '../../domain/plan';
import { MetricRepository } from '../../persistence/metric.repository';
import { PlanRepository } from '../../persistence/plan.repository';
import { CreatePlanCommand } from './create-plan.command';

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanRepository,
    private readonly metrics: MetricRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreatePlanCommand): Promise<PlanView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Metrics are never deleted, so those read here still exist when the charges reference them.
        const metrics = await this.metrics.findByCodes(
          manager,
          (input.charges ?? []).map((charge) => charge.metricCode),
        );
        const now = this.clock.now();
        const plan = Plan.create(input, metrics, now);
        const view = toPlanView(plan.snapshot());
        await this.plans.insert(manager, plan);
        await appendToOutbox(manager, plan.pullEvents(), context.requestId);
        await recordAudit(manager, context, {
          action: 'create',
          resourceType: 'plan',
          resourceId: plan.id,
          before: null,
          after: view,
          at: now,
        });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'plans_code_unique')) throw new PlanCodeTaken(input.code);
      throw error;
    }
  }
}
