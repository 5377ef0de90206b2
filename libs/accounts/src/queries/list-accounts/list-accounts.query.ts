import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { AccountView } from '../account.view';

export class ListAccountsQuery extends Query<Page<AccountView>> {
  constructor(
    readonly filters: { email?: string; externalKey?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}
