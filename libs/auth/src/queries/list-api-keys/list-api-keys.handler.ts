import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toApiKeyView } from '../api-key.view';
import { ApiKeyEntity } from '../../persistence/api-key.entity';
import { ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  execute({ page }: ListApiKeysQuery) {
    const query = this.keys.createQueryBuilder('apiKey').where('apiKey.revokedAt IS NULL');
    return paginate(query, page, toApiKeyView);
  }
}
