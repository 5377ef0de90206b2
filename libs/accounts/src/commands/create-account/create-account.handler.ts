import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock, Conflict } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Account, toAccountView } from '../../domain/account';
import { AccountRepository } from '../../persistence/account.repository';
import { CreateAccountCommand } from './create-account.command';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateAccountCommand) {
    const now = this.clock.now();
    const account = Account.open(input, now);
    const view = toAccountView(account.snapshot());
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.accounts.insert(manager, account);
        await appendToOutbox(manager, account.pullEvents(), context.requestId);
        await recordAudit(manager, context, {
          action: 'create',
          resourceType: 'account',
          resourceId: account.id,
          before: null,
          after: view,
          at: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_external_key_unique')) {
        throw new Conflict('external_key_taken', `An account with external_key "${input.externalKey}" exists already.`);
      }
      throw error;
    }
    return view;
  }
}
