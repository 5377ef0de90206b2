import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PlanCodeTaken } from '../../domain/catalog.errors';
import { Plan } from '../../domain/plan';
import { MetricRepository } from '../../persistence/metric.repository';
import { PlanRepository } from '../../persistence/plan.repository';
import { PlanView, toPlanView } from '../../queries/plan.view';
import { CreatePlanCommand } from './create-plan.command';

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly plans: PlanRepository,
    private readonly metrics: MetricRepository,
  ) {}

  async execute({ input, context }: CreatePlanCommand): Promise<PlanView> {
    try {
      return await this.writer.run(context, async (manager, now) => {
        // Metrics are never deleted, so those read here still exist when the charges reference them.
        const metrics = await this.metrics.findByCodes(
          manager,
          (input.charges ?? []).map((charge) => charge.metricCode),
        );
        const plan = Plan.create(input, metrics, now);
        return {
          result: toPlanView(plan.snapshot()),
          events: eventsOf('plan', plan.id, plan.pullEvents(), toPlanView),
          save: () => this.plans.insert(manager, plan),
          audit: { action: 'create', resourceType: 'plan', resourceId: plan.id, before: null },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'plans_code_unique')) throw new PlanCodeTaken(input.code);
      throw error;
    }
  }
}
