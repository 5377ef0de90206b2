import { issuedInvoiceCount } from '@billing/invoicing';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { BackgroundRefresh } from './background-refresh';

/**
 * invoices_generated_total, read in the background from the invoice number counter: invoices are issued by
 * the scheduler, and the gapless counter is exactly the count ever issued (the same on every replica).
 */
@Injectable()
export class InvoicesGeneratedMetric implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly counter = new Counter({
    name: 'invoices_generated_total',
    help: 'Invoices issued since the deployment began (read from the database every 10 s).',
    registers: [register],
  });
  private readonly refresher = new BackgroundRefresh('invoices', () => this.refresh());

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap() {
    this.refresher.start();
  }

  onModuleDestroy() {
    this.refresher.stop();
  }

  private async refresh(): Promise<void> {
    const issued = await issuedInvoiceCount(this.dataSource.manager);
    // A counter has no set(): reset and add, synchronously, so that no scrape sees the 0 in between.
    this.counter.reset();
    this.counter.inc(issued);
  }
}
