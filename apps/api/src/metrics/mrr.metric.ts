import { LatestMrr } from '@billing/analytics';
import { minorUnits } from '@billing/kernel';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { BackgroundRefresh } from './background-refresh';
import { MRR } from './metrics';

/**
 * mrr_dollars{currency}: each currency's MRR in major units (dollars, euros, yen) on the last day the analytics
 * computed, read from the snapshot in the background (a scrape never queries the database).
 */
@Injectable()
export class MrrMetric implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly gauge = new Gauge({
    name: MRR,
    help: "Monthly recurring revenue by currency, in major units, at the end of the last day computed (the analytics' snapshot).",
    labelNames: ['currency'],
    registers: [register],
  });
  private readonly refresher = new BackgroundRefresh('mrr', () => this.refresh());

  constructor(private readonly latest: LatestMrr) {}

  onApplicationBootstrap() {
    this.refresher.start();
  }

  onModuleDestroy() {
    this.refresher.stop();
  }

  private async refresh(): Promise<void> {
    const rows = await this.latest.read();
    // Set together after the read: a currency without MRR any more leaves the gauge rather than keeping its last value.
    this.gauge.reset();
    for (const { currency, mrr } of rows) this.gauge.set({ currency }, mrr / 10 ** minorUnits(currency));
  }
}
