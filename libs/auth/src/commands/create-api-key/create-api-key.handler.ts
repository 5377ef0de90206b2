import { ChangeWriter } from '@billing/audit';
import { ID_PREFIX, newId } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { apiKeyPrefix, hashApiKeySecret, newApiKeySecret } from '../../api-keys/api-key-secret';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { CreatedApiKeyView, toApiKeyView } from '../../queries/api-key.view';
import { CreateApiKeyCommand } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(private readonly writer: ChangeWriter) {}

  async execute({ input, context }: CreateApiKeyCommand): Promise<CreatedApiKeyView> {
    const secret = newApiKeySecret();
    const view = await this.writer.run(context, async (manager) => {
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
      return {
        // Credentials are not in the event log: the audit log records them.
        result: toApiKeyView(key),
        events: [],
        changed: true,
        save: async () => void (await manager.insert(ApiKeyEntity, key)),
        audit: { action: 'create', resourceType: 'api_key', resourceId: key.id, before: null },
      };
    });
    return { ...view, object: 'api_key', key: secret };
  }
}
