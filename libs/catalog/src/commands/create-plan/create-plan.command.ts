import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { CreatePlanInput } from '../../domain/plan';
import { PlanView } from '../../queries/plan.view';

export class CreatePlanCommand extends Command<PlanView> {
  constructor(
    readonly input: CreatePlanInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
