import { RequestContext, Role } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { CreatedApiKeyView } from '../../queries/api-key.view';

/** The longest `name` of a key (the API checks it). */
export const API_KEY_NAME_MAX_LENGTH = 200;

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
