import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { PlanPatch } from '../../domain/plan';
import { PlanView } from '../../queries/plan.view';

export class UpdatePlanCommand extends Command<PlanView> {
  constructor(
    /** The plan's id (its code is accepted too). */
    readonly planId: string,
    readonly patch: PlanPatch,
    readonly context: RequestContext,
  ) {
    super();
  }
}
