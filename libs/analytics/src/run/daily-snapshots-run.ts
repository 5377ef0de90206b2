import { Clock } from '@billing/kernel';
import { firstSubscriptionDay, SubscriptionRenewals } from '@billing/subscriptions';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, dateOfDay } from '../domain/analytics-range';
import { DailySnapshots } from '../persistence/daily-snapshots';

const DAY_MS = 86_400_000;
const WAIT_FOR_BOUNDARIES_MS = 60_000;

/**
 * The days' snapshots, on the billing clock: every day that has ended (UTC) and is not computed yet, and the last
 * one computed again (a change dated inside it may have been saved after its first computation). Each day in its
 * own transaction, replacing its rows: a run repeated or interrupted computes the same figures.
 */
@Injectable()
export class DailySnapshotsRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renewals: SubscriptionRenewals,
    private readonly clock: Clock,
  ) {}

  /** Answers the days computed. */
  async run(now: Date): Promise<string[]> {
    const lastEnded = dateOfDay(Math.floor(now.getTime() / DAY_MS) - 1);
    const lastComputed = await DailySnapshots.lastComputedDay(this.dataSource.manager);
    const from = lastComputed ?? (await firstSubscriptionDay(this.dataSource.manager));
    if (from === null || from > lastEnded) return [];
    await this.waitForBoundaries(new Date(Date.parse(`${lastEnded}T00:00:00Z`) + DAY_MS));
    return this.compute(from, lastEnded, now);
  }

  /**
   * Boundaries (trial ends, scheduled cancels and pauses) are dated from their instant but written when the
   * billing cycle task crosses them, which runs beside this one: the days are computed once none is left due by
   * their end. Waiting rather than crossing them here leaves the order of billing work as it was. After the
   * wait the days are computed anyway; the last one is computed again on the next run.
   */
  private async waitForBoundaries(end: Date): Promise<void> {
    const deadline = Date.now() + WAIT_FOR_BOUNDARIES_MS;
    // A boundary at the very end (midnight) belongs to the next day.
    const lastInstant = new Date(end.getTime() - 1);
    while ((await this.renewals.pendingBy(lastInstant)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Computes every day of [from, to] again (`POST /v1/analytics/rebuild`). */
  async rebuild(from: string, to: string): Promise<string[]> {
    await this.clock.refresh();
    return this.compute(from, to, this.clock.now());
  }

  private async compute(from: string, to: string, now: Date): Promise<string[]> {
    const days: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      await this.dataSource.transaction((manager) => DailySnapshots.computeDay(manager, day, now));
      days.push(day);
    }
    return days;
  }
}
