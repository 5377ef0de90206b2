import { issuedInvoiceCount } from '@billing/invoicing';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * invoices_generated_total, read at scrape time from the invoice number sequence: invoices are issued by
 * the scheduler (which serves no /metrics), and the gapless counter is exactly the count ever issued.
 */
@Injectable()
export class InvoicesGeneratedMetric implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit() {
    const dataSource = this.dataSource;
    new Counter({
      name: 'invoices_generated_total',
      help: 'Invoices issued since the deployment began.',
      registers: [register],
      async collect() {
        const issued = await issuedInvoiceCount(dataSource.manager);
        this.reset();
        this.inc(issued);
      },
    });
  }
}
