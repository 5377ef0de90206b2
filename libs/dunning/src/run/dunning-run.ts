import { OverdueStateChange, OverdueStates } from '@billing/accounts';
import { isolateFailures } from '@billing/core';
import { MarkInvoicesOverdueCommand, UnpaidInvoices, WriteOffInvoicesCommand } from '@billing/invoicing';
import { ChargePaymentsCommand, OpenPaymentRetriesCommand } from '@billing/payments';
import { ApplyDunningCommand } from '@billing/subscriptions';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { daysBefore, DunningPolicy, escalation, firstStepDays, overdueStateAt, retriesDueBy } from '../domain/dunning-policy';
import { DunningInvoices, TrackedInvoice } from '../persistence/dunning-invoices';
import { DunningPolicies } from '../persistence/dunning-policies';

const CHUNK = 500;

/** What one evaluation did. */
export interface DunningRunResult {
  overdue: number;
  retried: number;
  escalated: number;
}

interface Failure {
  item: string;
  error: unknown;
}

/**
 * Dunning's evaluation on the billing clock (a scheduler task), set-based in three passes, each claiming
 * chunks with FOR UPDATE SKIP LOCKED so that two schedulers share the work and a crash redoes only
 * uncommitted chunks:
 * 1. invoices past their due date unpaid: `invoice.overdue` once each (the row's `overdue_at`), their
 *    subscriptions `past_due`;
 * 2. retries due (`due_at + d` for each `d` of the schedule): the retry count and the new payment attempts
 *    are committed together, then the attempts are charged (a crash in between leaves them `pending` for
 *    reconciliation, which charges them with the same key);
 * 3. accounts whose oldest overdue invoice reached a step: the state moves forward only (idempotent per account
 *    and step), with the step's effect on subscriptions and invoices in the same transaction.
 * The policy is read at each run, so a change applies to every open case at the next one. A chunk's failure is
 * narrowed to the invoice or account at fault (the others go on), and the run then fails naming it.
 */
@Injectable()
export class DunningRun {
  private readonly logger = new Logger('Dunning');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  async run(now: Date): Promise<DunningRunResult> {
    const policy = await DunningPolicies.get(this.dataSource.manager);
    const failures: Failure[] = [];
    const overdue = await this.inChunks(failures, (manager, except) => this.markOverdue(manager, now, except));
    const retried = await this.retry(policy, now, failures);
    const escalated = await this.escalate(policy, now, failures);
    if (failures.length > 0) {
      const [first] = failures;
      throw new Error(
        `dunning failed for ${failures.length} items; first ${first.item}: ${(first.error as Error)?.message ?? first.error}`,
        {
          cause: first.error,
        },
      );
    }
    return { overdue, retried, escalated };
  }

  /** Runs `claim` chunk after chunk, each in its transaction, until a chunk comes back short; failed items are left out. */
  private async inChunks(
    failures: Failure[],
    claim: (manager: EntityManager, except: readonly string[]) => Promise<{ claimed: number; done: number; failed: Failure[] }>,
  ): Promise<number> {
    let done = 0;
    for (;;) {
      const except = failures.map((failure) => failure.item);
      const chunk = await this.dataSource.transaction((manager) => claim(manager, except));
      done += chunk.done;
      for (const failure of chunk.failed) this.logger.error(`dunning of ${failure.item} failed: ${(failure.error as Error)?.message}`);
      failures.push(...chunk.failed);
      if (chunk.claimed < CHUNK) return done;
    }
  }

  private async markOverdue(manager: EntityManager, now: Date, except: readonly string[]) {
    const claimed = await DunningInvoices.claimNewlyOverdue(manager, now, CHUNK, except);
    const { done, failed } = await isolateFailures(manager, claimed, async (rows) => {
      const unpaid = await this.stillUnpaid(manager, rows, now);
      const ids = unpaid.map((row) => row.invoiceId);
      await DunningInvoices.markOverdue(manager, ids, now);
      await this.commands.execute(new MarkInvoicesOverdueCommand(ids, now, manager));
      const pastDue = unpaid.flatMap((row) => (row.subscriptionId ? [row.subscriptionId] : []));
      await this.commands.execute(new ApplyDunningCommand({ pastDue }, now, manager));
      return ids.length;
    });
    return { claimed: claimed.length, done: sum(done), failed: failed.map(({ item, error }) => ({ item: item.invoiceId, error })) };
  }

  private async retry(policy: DunningPolicy, now: Date, failures: Failure[]): Promise<number> {
    let retried = 0;
    for (;;) {
      const except = failures.map((failure) => failure.item);
      const chunk = await this.dataSource.transaction(async (manager) => {
        const claimed = await DunningInvoices.claimRetriesDue(manager, policy.retryScheduleDays, now, CHUNK, except);
        const { done, failed } = await isolateFailures(manager, claimed, async (rows) => {
          const unpaid = await UnpaidInvoices.among(
            manager,
            rows.map((row) => row.invoiceId),
          );
          await DunningInvoices.settleIds(manager, without(rows, unpaid), now);
          const byId = new Map(rows.map((row) => [row.invoiceId, row]));
          await DunningInvoices.recordRetries(
            manager,
            unpaid.map((invoice) => ({
              invoiceId: invoice.invoiceId,
              retriesDone: retriesDueBy(policy, byId.get(invoice.invoiceId)!.dueAt, now),
            })),
          );
          return this.commands.execute(new OpenPaymentRetriesCommand(unpaid, manager));
        });
        return {
          claimed: claimed.length,
          paymentIds: done.flat(),
          failed: failed.map(({ item, error }) => ({ item: item.invoiceId, error })),
        };
      });
      failures.push(...chunk.failed);
      // After the commit: the attempts exist before the provider hears of them.
      await this.commands.execute(new ChargePaymentsCommand(chunk.paymentIds));
      retried += chunk.paymentIds.length;
      if (chunk.claimed < CHUNK) return retried;
    }
  }

  private async escalate(policy: DunningPolicy, now: Date, failures: Failure[]): Promise<number> {
    const first = firstStepDays(policy);
    if (first === null) return 0;
    let escalated = 0;
    let after = '';
    for (;;) {
      const accounts = await DunningInvoices.accountsOverdueSince(this.dataSource.manager, daysBefore(now, first), after, CHUNK);
      if (accounts.length === 0) return escalated;
      after = accounts[accounts.length - 1];
      const { done, failed } = await this.dataSource.transaction((manager) =>
        isolateFailures(manager, accounts, (ids) => this.escalateIn(manager, policy, ids, now)),
      );
      escalated += sum(done);
      for (const { item, error } of failed) this.logger.error(`dunning step of account ${item} failed: ${(error as Error)?.message}`);
      failures.push(...failed);
      if (accounts.length < CHUNK) return escalated;
    }
  }

  /** Moves the accounts (locked first, as the bill run does) to the state their oldest overdue invoice has reached. */
  private async escalateIn(manager: EntityManager, policy: DunningPolicy, accountIds: readonly string[], now: Date): Promise<number> {
    const states = await OverdueStates.lock(manager, accountIds);
    const oldest = new Map<string, Date>();
    for (const invoice of await UnpaidInvoices.ofAccounts(manager, accountIds)) {
      if (invoice.dueAt < now && !oldest.has(invoice.accountId)) oldest.set(invoice.accountId, invoice.dueAt);
    }
    const changes: OverdueStateChange[] = [];
    for (const [accountId, dueAt] of oldest) {
      const previous = states.get(accountId);
      const state = previous && escalation(previous, overdueStateAt(policy, dueAt, now));
      if (previous && state) changes.push({ accountId, previous, state });
    }
    const block = changes.filter((change) => change.state === 'blocked').map((change) => change.accountId);
    const cancel = changes.filter((change) => change.state === 'cancelled').map((change) => change.accountId);
    await OverdueStates.change(manager, changes, now);
    await this.commands.execute(new ApplyDunningCommand({ block, cancel }, now, manager));
    const writtenOff = await this.commands.execute(new WriteOffInvoicesCommand(cancel, now, manager));
    await DunningInvoices.settleIds(manager, writtenOff, now);
    return changes.length;
  }

  /** The rows whose invoice still asks for payment; the others (settled while their event is on its way) stop being followed. */
  private async stillUnpaid(manager: EntityManager, rows: readonly TrackedInvoice[], now: Date): Promise<TrackedInvoice[]> {
    const unpaid = new Set(
      (
        await UnpaidInvoices.among(
          manager,
          rows.map((row) => row.invoiceId),
        )
      ).map((invoice) => invoice.invoiceId),
    );
    await DunningInvoices.settleIds(
      manager,
      without(
        rows,
        [...unpaid].map((invoiceId) => ({ invoiceId })),
      ),
      now,
    );
    return rows.filter((row) => unpaid.has(row.invoiceId));
  }
}

const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);

/** The invoice ids of `rows` that are not among `kept`. */
function without(rows: readonly { invoiceId: string }[], kept: readonly { invoiceId: string }[]): string[] {
  const keep = new Set(kept.map((row) => row.invoiceId));
  return rows.map((row) => row.invoiceId).filter((id) => !keep.has(id));
}
