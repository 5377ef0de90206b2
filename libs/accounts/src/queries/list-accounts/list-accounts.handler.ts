import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountEntity } from '../../persistence/account.entity';
import { toAccountView } from '../account.view';
import { ListAccountsQuery } from './list-accounts.query';

@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(@InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>) {}

  execute({ filters, page }: ListAccountsQuery) {
    const query = this.accounts.createQueryBuilder('account');
    if (filters.email) query.andWhere('account.email = :email', { email: filters.email });
    if (filters.externalKey) query.andWhere('account.externalKey = :externalKey', { externalKey: filters.externalKey });
    return paginate(query, page, toAccountView);
  }
}
