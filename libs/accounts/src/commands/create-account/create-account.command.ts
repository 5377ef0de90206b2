import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { OpenAccountInput } from '../../domain/account';
import { AccountView } from '../../queries/account.view';

export class CreateAccountCommand extends Command<AccountView> {
  constructor(
    readonly input: OpenAccountInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
