import { BillingProfiles } from '@billing/accounts';
import { EntityManager } from 'typeorm';
import { AccountBlocked } from '../domain/subscription.errors';

/** Refuses (409 `account_blocked`) what would start or change billing for an account dunning has blocked. */
export async function assertAccountNotBlocked(manager: EntityManager, accountId: string): Promise<void> {
  const account = await BillingProfiles.find(manager, accountId);
  if (account?.overdueState === 'blocked') throw new AccountBlocked(accountId);
}
