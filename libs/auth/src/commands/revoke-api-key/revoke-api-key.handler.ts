import { recordAudit } from '@billing/audit';
import { Clock, NotFound } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, IsNull } from 'typeorm';
import { RevokedApiKeyView, toApiKeyView, toRevokedApiKeyView } from '../../api-keys/api-key.view';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/**
 * Revocation keeps the row (for the audit trail and so the hash can never be reissued) and stops the key at
 * once: authentication reads revoked_at on every request. A key revoked already is unknown (404), as in reads.
 */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  execute({ apiKeyId, context }: RevokeApiKeyCommand): Promise<RevokedApiKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, {
        where: { id: apiKeyId, revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!key) throw new NotFound('API key', apiKeyId);
      const revokedAt = new Date();
      await manager.update(ApiKeyEntity, { id: apiKeyId }, { revokedAt });
      const after = toRevokedApiKeyView({ ...key, revokedAt });
      await recordAudit(manager, context, {
        action: 'delete',
        resourceType: 'api_key',
        resourceId: apiKeyId,
        before: toApiKeyView(key),
        after,
        at: this.clock.now(),
      });
      return after;
    });
  }
}
