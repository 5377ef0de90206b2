import { ChangeWriter } from '@billing/audit';
import { ValidationFailed } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { dunningPolicyErrors } from '../../domain/dunning-policy';
import { DunningPolicies } from '../../persistence/dunning-policies';
import { toDunningPolicyView } from '../../queries/dunning-policy.view';
import { UpdateDunningPolicyCommand } from './update-dunning-policy.command';

@CommandHandler(UpdateDunningPolicyCommand)
export class UpdateDunningPolicyHandler implements ICommandHandler<UpdateDunningPolicyCommand> {
  constructor(private readonly writer: ChangeWriter) {}

  execute({ policy, context }: UpdateDunningPolicyCommand) {
    const errors = dunningPolicyErrors(policy);
    if (errors.length > 0) throw new ValidationFailed(errors, 'The dunning policy is not coherent.');
    return this.writer.run(context, async (manager, now) => {
      const before = toDunningPolicyView(await DunningPolicies.get(manager));
      return {
        result: toDunningPolicyView({ ...policy, updatedAt: now }),
        events: [],
        changed: true,
        save: () => DunningPolicies.put(manager, policy, now),
        audit: { action: 'update', resourceType: 'dunning_policy', resourceId: 'dunning_policy', before },
      };
    });
  }
}
