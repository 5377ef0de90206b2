import { Query } from '@nestjs/cqrs';
import { AccountView } from '../account.view';

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string) {
    super();
  }
}
