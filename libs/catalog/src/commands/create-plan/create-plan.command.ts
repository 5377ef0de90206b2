import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { CreatePlanInput, PlanView } from '../../domain/plan';

export class CreatePlanCommand extends Command<PlanView> {
  constructor(
    readonly input: CreatePlanInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
