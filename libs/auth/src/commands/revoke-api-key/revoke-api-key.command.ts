import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { RevokedApiKeyView } from '../../api-keys/api-key.view';

export class RevokeApiKeyCommand extends Command<RevokedApiKeyView> {
  constructor(
    readonly apiKeyId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
