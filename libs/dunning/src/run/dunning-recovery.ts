import { OverdueStates } from '@billing/accounts';
import { UnpaidInvoices } from '@billing/invoicing';
import { ApplyDunningCommand } from '@billing/subscriptions';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import type { TrackedInvoice } from '../persistence/dunning-invoices';

/**
 * Undoes dunning when overdue invoices are settled (paid, credited, voided or written off by a person), in
 * the caller's transaction: an account in `warning` or `blocked` left with no invoice unpaid past its due date
 * returns to `ok`, what dunning paused resumes (a person's pause stays), and subscriptions with nothing past
 * due any more are `active` again. `cancelled` is final: its subscriptions ended and its debts were written off.
 */
@Injectable()
export class DunningRecovery {
  constructor(private readonly commands: CommandBus) {}

  async recover(manager: EntityManager, settled: readonly TrackedInvoice[], now: Date): Promise<void> {
    if (settled.length === 0) return;
    const accountIds = [...new Set(settled.map((invoice) => invoice.accountId))];
    const states = await OverdueStates.lock(manager, accountIds);
    const stillOverdue = (await UnpaidInvoices.ofAccounts(manager, accountIds)).filter((invoice) => invoice.dueAt < now);
    const owingAccounts = new Set(stillOverdue.map((invoice) => invoice.accountId));
    const owingSubscriptions = new Set(stillOverdue.map((invoice) => invoice.subscriptionId));
    const recovered = accountIds.filter((accountId) => {
      const state = states.get(accountId);
      return !owingAccounts.has(accountId) && (state === 'warning' || state === 'blocked');
    });
    await OverdueStates.change(
      manager,
      recovered.map((accountId) => ({ accountId, previous: states.get(accountId)!, state: 'ok' })),
      now,
    );
    const current = settled.flatMap((invoice) =>
      invoice.subscriptionId && !owingSubscriptions.has(invoice.subscriptionId) ? [invoice.subscriptionId] : [],
    );
    await this.commands.execute(new ApplyDunningCommand({ recover: recovered, current }, now, manager));
  }
}
