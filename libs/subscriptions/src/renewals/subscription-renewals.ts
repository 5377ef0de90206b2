import { isolateFailures, WorkFailures } from '@billing/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SubscriptionRepository } from '../persistence/subscription.repository';

const CHUNK = 200;
/** Boundaries one subscription crosses per claim: a long catch-up takes several claims, each bounded. */
const MAX_BOUNDARIES_PER_CLAIM = 32;
const WAIT_FOR_LOCKED_MS = 30_000;

/**
 * Crosses the period boundaries due by `now` (renewals, trial ends, scheduled changes, cancels and
 * pauses) in chunks: each chunk is claimed with FOR UPDATE SKIP LOCKED and written in one transaction, with
 * one statement per table. A boundary crossed twice is impossible: the claim re-reads the period, and the
 * database holds one fee per subscription and period.
 *
 * A subscription whose renewal throws is left out (the rest of its chunk renews), recorded in
 * `work_failures`, and retried on its own at the end of every run until it succeeds.
 */
@Injectable()
export class SubscriptionRenewals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
    private readonly failures: WorkFailures,
  ) {}

  /** Answers how many subscription claims were advanced (a long catch-up counts once per bounded step). */
  async advanceDue(now: Date): Promise<number> {
    const failedBefore = await this.failures.failingSubjects(this.dataSource.manager, 'renewal');
    const leftOut = [...failedBefore];
    let advanced = 0;
    const deadline = Date.now() + WAIT_FOR_LOCKED_MS;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const ids = await this.subscriptions.claimDue(manager, now, CHUNK, leftOut);
        const { failed } = await isolateFailures(manager, ids, (chunk) => this.advance(manager, chunk, now));
        for (const { item, error } of failed) await this.failures.record(manager, 'renewal', item, error);
        leftOut.push(...failed.map(({ item }) => item));
        advanced += ids.length - failed.length;
        return ids.length;
      });
      if (claimed > 0) continue;
      // Rows another transaction held (a change in flight) were skipped: the run is done only when no
      // subscription is left due, so that the test clock's "all work done" and the next bill run hold.
      if ((await this.subscriptions.countDue(this.dataSource.manager, now, leftOut)) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return advanced + (await this.retryFailing(now, failedBefore));
  }

  /**
   * How many subscriptions still have a boundary due by `at` that the renewals have not crossed (those whose
   * renewal keeps failing left out): what a reader of the history at `at` waits for.
   */
  async pendingBy(at: Date): Promise<number> {
    const failing = await this.failures.failingSubjects(this.dataSource.manager, 'renewal');
    return this.subscriptions.countDue(this.dataSource.manager, at, failing);
  }

  /** Subscriptions that failed before, one at a time: a success clears the failure, a failure counts again. */
  private async retryFailing(now: Date, failing: readonly string[]): Promise<number> {
    let advanced = 0;
    for (const id of failing) {
      try {
        let stillDue = true;
        while (stillDue) {
          stillDue = await this.dataSource.transaction(async (manager) => {
            if (!(await this.subscriptions.claimIfDue(manager, now, id))) return false;
            advanced++;
            return this.advance(manager, [id], now);
          });
        }
        await this.failures.resolve(this.dataSource.manager, 'renewal', [id]);
      } catch (error) {
        await this.failures.record(this.dataSource.manager, 'renewal', id, error);
      }
    }
    return advanced;
  }

  /** Advances the subscriptions by one bounded step; answers whether any still has a boundary due. */
  private async advance(manager: EntityManager, ids: readonly string[], now: Date): Promise<boolean> {
    const due = await this.subscriptions.findMany(manager, ids);
    const behind = due.map((subscription) => subscription.advance(now, MAX_BOUNDARIES_PER_CLAIM));
    await this.subscriptions.saveWithEvents(manager, due);
    return behind.includes(true);
  }
}
