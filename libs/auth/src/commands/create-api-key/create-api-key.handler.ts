import { recordAudit } from '@billing/audit';
import { Clock, ID_PREFIX, newId } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { apiKeyPrefix, hashApiKeySecret, newApiKeySecret } from '../../api-keys/api-key-secret';
import { CreatedApiKeyView, toApiKeyView } from '../../api-keys/api-key.view';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { CreateApiKeyCommand } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateApiKeyCommand): Promise<CreatedApiKeyView> {
    const secret = newApiKeySecret();
    // A credential lives in wall time like last_used_at (written by the database), not in billing time.
    const key: ApiKeyEntity = {
      id: newId(ID_PREFIX.apiKey),
      name: input.name,
      role: input.role,
      prefix: apiKeyPrefix(secret),
      secretHash: hashApiKeySecret(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    const view = toApiKeyView(key);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ApiKeyEntity, key);
      await recordAudit(manager, context, {
        action: 'create',
        resourceType: 'api_key',
        resourceId: key.id,
        before: null,
        after: view,
        at: this.clock.now(),
      });
    });
    return {
      id: view.id,
      object: 'api_key',
      name: view.name,
      role: view.role,
      prefix: view.prefix,
      key: secret,
      created_at: view.created_at,
      last_used_at: view.last_used_at,
    };
  }
}
