import { ChangeWriter } from '@billing/audit';
import { isUniqueViolation } from '@billing/core';
import { Conflict, eventsOf } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Account } from '../../domain/account';
import { AccountRepository } from '../../persistence/account.repository';
import { AccountView, toAccountView } from '../../queries/account.view';
import { CreateAccountCommand } from './create-account.command';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly accounts: AccountRepository,
  ) {}

  async execute({ input, context }: CreateAccountCommand): Promise<AccountView> {
    try {
      return await this.writer.run(context, async (manager, now) => {
        const account = Account.open(input, now);
        return {
          result: toAccountView(account.snapshot()),
          events: eventsOf('account', account.id, account.pullEvents(), toAccountView),
          save: () => this.accounts.insert(manager, account),
          audit: { action: 'create', resourceType: 'account', resourceId: account.id, before: null },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_external_key_unique')) {
        throw new Conflict('external_key_taken', `An account with external_key "${input.externalKey}" exists already.`);
      }
      throw error;
    }
  }
}
