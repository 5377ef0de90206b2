import { RequestContext, Role } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { CreatedApiKeyView } from '../../queries/api-key.view';

export interface NewApiKeyInput {
  name: string;
  role: Role;
}

export class CreateApiKeyCommand extends Command<CreatedApiKeyView> {
  constructor(
    readonly input: NewApiKeyInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
