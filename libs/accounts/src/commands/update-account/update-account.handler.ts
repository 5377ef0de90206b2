import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { Conflict, eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../persistence/account.repository';
import { AccountView, toAccountView } from '../../queries/account.view';
import { UpdateAccountCommand } from './update-account.command';

@CommandHandler(UpdateAccountCommand)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccountCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly accounts: AccountRepository,
  ) {}

  async execute({ accountId, patch, context }: UpdateAccountCommand): Promise<AccountView> {
    try {
      return await this.writer.run(context, async (manager, now) => {
        const account = await this.accounts.getForUpdate(manager, accountId);
        const before = toAccountView(account.snapshot());
        account.update(patch, now);
        return {
          result: toAccountView(account.snapshot()),
          events: eventsOf('account', accountId, account.pullEvents(), toAccountView),
          save: () => this.accounts.save(manager, account),
          audit: { action: 'update', resourceType: 'account', resourceId: accountId, before },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_external_key_unique')) {
        throw new Conflict('external_key_taken', `An account with external_key "${patch.externalKey}" exists already.`);
      }
      throw error;
    }
  }
}
