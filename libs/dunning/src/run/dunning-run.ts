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
import { DunningRecovery } from './dunning-recovery';

const CHUNK = 500;
/** Chunks in flight at once: one waits on PostgreSQL while another computes. */
const WORKERS = 2;

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

interface Chunk {
  claimed: number;
  done: number;
  failed: Failure[];
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
 * Two chunks are in flight at once (each locks its own rows, accounts first).
 * The policy is read at each run, so a change applies to every open case at the next one. A chunk's failure is
 * narrowed to the invoice or account at fault (the others go on), and the run then fails naming it.
 */
@Injectable()
export class DunningRun {
  private readonly logger = new Logger('Dunning');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
    private readonly recovery: DunningRecovery,
  ) {}

  async run(now: Date): Promise<DunningRunResult> {
    const policy = await DunningPolicies.get(this.dataSource.manager);
    const failures: Failure[] = [];
    const overdue = await this.drain(failures, (except) =>
      this.dataSource.transaction((manager) => this.markOverdue(manager, now, except)),
    );
    const retried = await this.drain(failures, (except) => this.retry(policy, now, except));
    const escalated = await this.escalate(policy, now, failures);
    if (failures.length > 0) {
      const [first] = failures;
      const cause = first.error instanceof Error ? first.error.message : String(first.error);
      throw new Error(`dunning failed for ${failures.length} items; first ${first.item}: ${cause}`, { cause: first.error });
    }
    return { overdue, retried, escalated };
  }

  /**
   * Runs `chunk` in {@link WORKERS} loops at once (their claims skip each other's rows) until each comes back
   * short; the items that failed are logged, collected and left out of later claims.
   */
  private async drain(failures: Failure[], chunk: (except: readonly string[]) => Promise<Chunk>): Promise<number> {
    let done = 0;
    const worker = async () => {
      for (;;) {
        const result = await chunk(failures.map((failure) => failure.item));
        done += result.done;
        this.fail(failures, result.failed);
        if (result.claimed < CHUNK) return;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    return done;
  }

  private fail(failures: Failure[], failed: readonly Failure[]): void {
    for (const { item, error } of failed)
      this.logger.error(`dunning of ${item} failed: ${error instanceof Error ? error.message : String(error)}`);
    failures.push(...failed);
  }

  private async markOverdue(manager: EntityManager, now: Date, except: readonly string[]): Promise<Chunk> {
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

  /** One chunk of retries: the count and the new attempts committed together, then the attempts charged. */
  private async retry(policy: DunningPolicy, now: Date, except: readonly string[]): Promise<Chunk> {
    const chunk = await this.dataSource.transaction(async (manager) => {
      const claimed = await DunningInvoices.claimRetriesDue(manager, policy.retryScheduleDays, now, CHUNK, except);
      const { done, failed } = await isolateFailures(manager, claimed, async (rows) => {
        const unpaid = await UnpaidInvoices.among(
          manager,
          rows.map((row) => row.invoiceId),
        );
        await this.stopFollowing(manager, without(rows, unpaid), now);
        const dueAt = new Map(rows.map((row) => [row.invoiceId, row.dueAt]));
        await DunningInvoices.recordRetries(
          manager,
          unpaid.map((invoice) => ({
            invoiceId: invoice.invoiceId,
            retriesDone: retriesDueBy(policy, dueAt.get(invoice.invoiceId)!, now),
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
    // After the commit: the attempts exist before the provider hears of them.
    await this.commands.execute(new ChargePaymentsCommand(chunk.paymentIds));
    return { claimed: chunk.claimed, done: chunk.paymentIds.length, failed: chunk.failed };
  }

  /** The accounts due for a step, in chunks of accounts shared by the workers. */
  private async escalate(policy: DunningPolicy, now: Date, failures: Failure[]): Promise<number> {
    const first = firstStepDays(policy);
    if (first === null) return 0;
    const accounts = await DunningInvoices.accountsOverdueSince(this.dataSource.manager, daysBefore(now, first));
    const chunks = Array.from({ length: Math.ceil(accounts.length / CHUNK) }, (_, index) =>
      accounts.slice(index * CHUNK, (index + 1) * CHUNK),
    );
    let escalated = 0;
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const ids = chunk;
        const { done, failed } = await this.dataSource.transaction((manager) =>
          isolateFailures(manager, ids, (part) => this.escalateIn(manager, policy, part, now)),
        );
        escalated += sum(done);
        this.fail(failures, failed);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    return escalated;
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
    // Their rows go when the write-offs' events reach FollowUnpaidInvoicesSaga (or the next claim finds them settled).
    await this.commands.execute(new WriteOffInvoicesCommand(cancel, now, manager));
    return changes.length;
  }

  /**
   * Stops following invoices found settled before their event arrived, and ends the cases they were overdue in:
   * whoever removes an overdue invoice's row runs the recovery (the event will find no row).
   */
  private async stopFollowing(manager: EntityManager, invoiceIds: readonly string[], now: Date): Promise<void> {
    await this.recovery.recover(manager, await DunningInvoices.settle(manager, invoiceIds), now);
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
    await this.stopFollowing(
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
