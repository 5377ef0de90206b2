import { Page, PageRequest, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyView, toApiKeyView } from './api-key.view';
import { ApiKeyEntity } from '../persistence/api-key.entity';

/** Revoked keys are gone for readers: neither listed nor found by id. */
export class GetApiKeyQuery extends Query<ApiKeyView> {
  constructor(readonly apiKeyId: string) {
    super();
  }
}

export class ListApiKeysQuery extends Query<Page<ApiKeyView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

@QueryHandler(GetApiKeyQuery)
export class GetApiKeyHandler implements IQueryHandler<GetApiKeyQuery> {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async execute({ apiKeyId }: GetApiKeyQuery) {
    const key = await this.keys.findOneBy({ id: apiKeyId, revokedAt: IsNull() });
    if (!key) throw new NotFound('API key', apiKeyId);
    return toApiKeyView(key);
  }
}

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  execute({ page }: ListApiKeysQuery) {
    const query = this.keys.createQueryBuilder('apiKey').where('apiKey.revokedAt IS NULL');
    return paginate(query, page, toApiKeyView);
  }
}
