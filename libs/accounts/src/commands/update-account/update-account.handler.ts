import { recordAudit } from '@billing/audit';
import { appendToOutbox, isUniqueViolation } from '@billing/core';
import { Clock, Conflict } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccountView, toAccountView } from '../../domain/account';
import { AccountRepository } from '../../persistence/account.repository';
import { UpdateAccountCommand } from './update-account.command';

@CommandHandler(UpdateAccountCommand)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccountCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId, patch, context }: UpdateAccountCommand): Promise<AccountView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const account = await this.accounts.getForUpdate(manager, accountId);
        const before = toAccountView(account.snapshot());
        const now = this.clock.now();
        account.update(patch, now);
        const events = account.pullEvents();
        const after = toAccountView(account.snapshot());
        if (events.length === 0) return after;
        await this.accounts.save(manager, account);
        await appendToOutbox(manager, events, context.requestId);
        await recordAudit(manager, context, {
          action: 'update',
          resourceType: 'account',
          resourceId: accountId,
          before,
          after,
          at: now,
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_external_key_unique')) {
        throw new Conflict('external_key_taken', `An account with external_key "${patch.externalKey}" exists already.`);
      }
      throw error;
    }
  }
}
