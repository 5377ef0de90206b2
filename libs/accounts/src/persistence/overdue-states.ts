import { appendToOutbox } from '@billing/core';
import { domainEvent } from '@billing/kernel';
import { EntityManager, In } from 'typeorm';
import type { OverdueState } from '../domain/account';
import { AccountView, toAccountView } from '../queries/account.view';
import { AccountEntity } from './account.entity';

/** An account moving from one overdue state to another (dunning's steps and recoveries). */
export interface OverdueStateChange {
  accountId: string;
  previous: OverdueState;
  state: OverdueState;
}

/** The payload of `account.overdue_state_changed`: the account as it now is, and the state it left. */
export interface OverdueStateChangedView extends AccountView {
  previous_overdue_state: OverdueState;
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'account.overdue_state_changed': OverdueStateChangedView;
  }
}

/** The accounts' overdue states, for dunning, set-based in the caller's transaction. */
export const OverdueStates = {
  /** Locks these accounts in id order (so two callers never wait crosswise) and answers their states. */
  async lock(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, OverdueState>> {
    if (accountIds.length === 0) return new Map();
    const rows: { id: string; overdue_state: OverdueState }[] = await manager.query(
      'SELECT id, overdue_state FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
      [[...new Set(accountIds)]],
    );
    return new Map(rows.map((row) => [row.id, row.overdue_state]));
  },

  /** Moves accounts (locked by {@link lock}) to their new states, each with `account.overdue_state_changed`. */
  async change(manager: EntityManager, changes: readonly OverdueStateChange[], now: Date): Promise<void> {
    const moving = changes.filter((change) => change.previous !== change.state);
    if (moving.length === 0) return;
    await manager.query(
      `UPDATE accounts SET overdue_state = change.state, updated_at = $3, version = version + 1
       FROM unnest($1::text[], $2::text[]) AS change(id, state) WHERE accounts.id = change.id`,
      [moving.map((change) => change.accountId), moving.map((change) => change.state), now],
    );
    const accounts = new Map(
      (await manager.findBy(AccountEntity, { id: In(moving.map((change) => change.accountId)) })).map((entity) => [entity.id, entity]),
    );
    await appendToOutbox(
      manager,
      moving.flatMap((change) => {
        const entity = accounts.get(change.accountId);
        if (!entity) return [];
        const { version: _version, ...props } = entity;
        const view: OverdueStateChangedView = { ...toAccountView(props), previous_overdue_state: change.previous };
        return [domainEvent('account.overdue_state_changed', 'account', change.accountId, view, now)];
      }),
    );
  },
};
