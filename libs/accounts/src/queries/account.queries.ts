import { Page, PageRequest, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountView, toAccountView } from './account.view';
import { AccountEntity } from '../persistence/account.entity';

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string) {
    super();
  }
}

export class ListAccountsQuery extends Query<Page<AccountView>> {
  constructor(
    readonly filters: { email?: string; externalKey?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(@InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>) {}

  async execute({ accountId }: GetAccountQuery) {
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!account) throw new NotFound('account', accountId);
    return toAccountView(account);
  }
}

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
