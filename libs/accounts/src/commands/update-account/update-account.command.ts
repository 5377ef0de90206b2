import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { AccountPatch, AccountView } from '../../domain/account';

export class UpdateAccountCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly patch: AccountPatch,
    readonly context: RequestContext,
  ) {
    super();
  }
}
