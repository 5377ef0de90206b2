import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { toApiKeyView } from '../api-key.view';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { GetApiKeyQuery } from './get-api-key.query';

@QueryHandler(GetApiKeyQuery)
export class GetApiKeyHandler implements IQueryHandler<GetApiKeyQuery> {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async execute({ apiKeyId }: GetApiKeyQuery) {
    const key = await this.keys.findOneBy({ id: apiKeyId, revokedAt: IsNull() });
    if (!key) throw new NotFound('API key', apiKeyId);
    return toApiKeyView(key);
  }
}
