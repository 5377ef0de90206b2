import { appendToOutbox } from '@billing/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SubscriptionRepository } from '../persistence/subscription.repository';

const CHUNK = 200;
const WAIT_FOR_LOCKED_MS = 30_000;

/**
 * Crosses the period boundaries due by `now` (renewals, trial ends, scheduled changes, cancels and
 * pauses) in chunks: each chunk is claimed with FOR UPDATE SKIP LOCKED and written in one transaction.
 * A boundary crossed twice is impossible: the claim re-reads the period, and the database holds one fee
 * per subscription and period.
 */
@Injectable()
export class SubscriptionRenewals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async advanceDue(now: Date): Promise<number> {
    let advanced = 0;
    const deadline = Date.now() + WAIT_FOR_LOCKED_MS;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const due = await this.subscriptions.claimDue(manager, now, CHUNK);
        for (const subscription of due) subscription.advance(now);
        for (const subscription of due) await this.subscriptions.save(manager, subscription);
        await this.subscriptions.appendBillingEvents(manager, due.flatMap((subscription) => subscription.pullBillingEvents()));
        await appendToOutbox(manager, due.flatMap((subscription) => subscription.pullEvents()));
        return due.length;
      });
      advanced += count;
      if (count === CHUNK) continue;
      // Rows another transaction held (a change in flight) were skipped: the run is done only when no
      // subscription is left due, so that the test clock's "all work done" and the next bill run hold.
      if ((await this.subscriptions.countDue(this.dataSource.manager, now)) === 0 || Date.now() > deadline) return advanced;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
