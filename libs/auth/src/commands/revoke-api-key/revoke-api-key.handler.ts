import { ChangeWriter } from '@billing/audit';
import { NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IsNull } from 'typeorm';
import { ApiKeyAuthenticator } from '../../api-keys/api-key.authenticator';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { RevokedApiKeyView, toApiKeyView, toRevokedApiKeyView } from '../../queries/api-key.view';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/**
 * Revocation keeps the row (for the audit trail and so the hash can never be reissued) and stops the key at
 * once in this process (its authenticator forgets the key); other api instances, which trust a verified key
 * for a second, stop it within that second. A key revoked already is unknown (404), as in reads.
 */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    private readonly writer: ChangeWriter,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async execute({ apiKeyId, context }: RevokeApiKeyCommand): Promise<RevokedApiKeyView> {
    const revoked = await this.writer.run(context, async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, {
        where: { id: apiKeyId, revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!key) throw new NotFound('API key', apiKeyId);
      const revokedAt = new Date(); // wall time, like created_at: a credential is not billing state
      return {
        result: toRevokedApiKeyView({ ...key, revokedAt }),
        events: [],
        changed: true,
        save: async () => void (await manager.update(ApiKeyEntity, { id: apiKeyId }, { revokedAt })),
        audit: { action: 'delete', resourceType: 'api_key', resourceId: apiKeyId, before: toApiKeyView(key) },
      };
    });
    this.authenticator.forget(apiKeyId);
    return revoked;
  }
}
