import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { AccountView, OpenAccountInput } from '../../domain/account';

export class CreateAccountCommand extends Command<AccountView> {
  constructor(
    readonly input: OpenAccountInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
