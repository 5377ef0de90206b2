import { ChangeWriter } from '@billing/audit';
import { eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MetricRepository } from '../../persistence/metric.repository';
import { PlanRepository } from '../../persistence/plan.repository';
import { PlanView, toPlanView } from '../../queries/plan.view';
import { UpdatePlanCommand } from './update-plan.command';

@CommandHandler(UpdatePlanCommand)
export class UpdatePlanHandler implements ICommandHandler<UpdatePlanCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly plans: PlanRepository,
    private readonly metrics: MetricRepository,
  ) {}

  execute({ planId, patch, context }: UpdatePlanCommand): Promise<PlanView> {
    return this.writer.run(context, async (manager, now) => {
      // The row lock orders this update with PlanRepository.usePlan: a subscription that started first
      // makes this a 409; one that starts later reads the new prices.
      const plan = await this.plans.getForUpdate(manager, planId);
      const metrics = await this.metrics.findByCodes(
        manager,
        (patch.charges ?? []).map((charge) => charge.metricCode),
      );
      const before = toPlanView(plan.snapshot());
      const changes = plan.update(patch, metrics, now);
      return {
        result: toPlanView(plan.snapshot()),
        events: eventsOf('plan', plan.id, plan.pullEvents(), toPlanView),
        save: () => this.plans.save(manager, plan, changes),
        audit: { action: 'update', resourceType: 'plan', resourceId: plan.id, before },
      };
    });
  }
}
