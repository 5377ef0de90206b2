import { recordAudit } from '@billing/audit';
import { appendToOutbox } from '@billing/core';
import { Clock } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PlanView, toPlanView } from '../../domain/plan';
import { MetricRepository } from '../../persistence/metric.repository';
import { PlanRepository } from '../../persistence/plan.repository';
import { UpdatePlanCommand } from './update-plan.command';

@CommandHandler(UpdatePlanCommand)
export class UpdatePlanHandler implements ICommandHandler<UpdatePlanCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanRepository,
    private readonly metrics: MetricRepository,
    private readonly clock: Clock,
  ) {}

  execute({ planId, patch, context }: UpdatePlanCommand): Promise<PlanView> {
    return this.dataSource.transaction(async (manager) => {
      // The row lock orders this update with PlanRepository.usePlan: a subscription that started first
      // makes this a 409; one that starts later reads the new prices.
      const plan = await this.plans.getForUpdate(manager, planId);
      const metrics = await this.metrics.findByCodes(
        manager,
        (patch.charges ?? []).map((charge) => charge.metricCode),
      );
      const before = toPlanView(plan.snapshot());
      const now = this.clock.now();
      const changes = plan.update(patch, metrics, now);
      const events = plan.pullEvents();
      const after = toPlanView(plan.snapshot());
      if (events.length === 0) return after;
      await this.plans.save(manager, plan, changes);
      await appendToOutbox(manager, events, context.requestId);
      await recordAudit(manager, context, {
        action: 'update',
        resourceType: 'plan',
        resourceId: plan.id,
        before,
        after,
        at: now,
      });
      return after;
    });
  }
}
