import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { AccountPatch } from '../../domain/account';
import { AccountView } from '../../queries/account.view';

export class UpdateAccountCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly patch: AccountPatch,
    readonly context: RequestContext,
  ) {
    super();
  }
}
