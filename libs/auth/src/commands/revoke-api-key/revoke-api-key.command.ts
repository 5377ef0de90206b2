import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { RevokedApiKeyView } from '../../queries/api-key.view';

export class RevokeApiKeyCommand extends Command<RevokedApiKeyView> {
  constructor(
    readonly apiKeyId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
