import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import type { DunningPolicy } from '../../domain/dunning-policy';
import type { DunningPolicyView } from '../../queries/dunning-policy.view';

/** Replaces the policy (422 naming the field when it is not coherent); the next evaluation of every open case follows it. */
export class UpdateDunningPolicyCommand extends Command<DunningPolicyView> {
  constructor(
    readonly policy: DunningPolicy,
    readonly context: RequestContext,
  ) {
    super();
  }
}
