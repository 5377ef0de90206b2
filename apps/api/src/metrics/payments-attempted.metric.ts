import { ATTEMPT_STATUSES, paymentAttemptCounts } from '@billing/payments';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { BackgroundRefresh } from './background-refresh';

/**
 * payments_attempted_total{status}, read in the background from the payments table (like
 * invoices_generated_total): most charges are made by the scheduler (the saga on invoice.finalized,
 * reconciliation), so only the database sees them all, and every replica reports the same values. Each
 * attempt is counted under its current status (`succeeded`, `failed`, and `pending` / `unknown` while its
 * outcome is not known); out-of-band (`manual`) payments are not attempts and are not counted.
 */
@Injectable()
export class PaymentsAttemptedMetric implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly counter = new Counter({
    name: 'payments_attempted_total',
    help: 'Charge attempts at the payment provider by current status (succeeded, failed, pending, unknown); read from the database every 10 s.',
    labelNames: ['status'],
    registers: [register],
  });
  private readonly refresher = new BackgroundRefresh('payments', () => this.refresh());

  constructor(private readonly dataSource: DataSource) {
    for (const status of ATTEMPT_STATUSES) this.counter.inc({ status }, 0);
  }

  onApplicationBootstrap() {
    this.refresher.start();
  }

  onModuleDestroy() {
    this.refresher.stop();
  }

  private async refresh(): Promise<void> {
    const counts = await paymentAttemptCounts(this.dataSource.manager);
    // A counter has no set(): reset and add, synchronously, so that no scrape sees the 0 in between.
    this.counter.reset();
    for (const status of ATTEMPT_STATUSES) this.counter.inc({ status }, counts[status]);
  }
}
