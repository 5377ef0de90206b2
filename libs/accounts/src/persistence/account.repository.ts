import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Account } from '../domain/account';
import { AccountEntity } from './account.entity';

/** Loads and saves the Account aggregate inside the caller's transaction. */
@Injectable()
export class AccountRepository {
  async getForUpdate(manager: EntityManager, id: string): Promise<Account> {
    const entity = await manager.findOne(AccountEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entity) throw new NotFound('account', id);
    const { version: _version, ...props } = entity;
    return Account.restore(props);
  }

  async insert(manager: EntityManager, account: Account): Promise<void> {
    await manager.insert(AccountEntity, { ...account.snapshot(), version: 1 });
  }

  async save(manager: EntityManager, account: Account): Promise<void> {
    const { id, ...changes } = account.snapshot();
    await manager.update(AccountEntity, { id }, changes);
  }
}
