import { AppConfig, APP_CONFIG } from '@billing/core';
import { BillRun, sellerOf } from '@billing/invoicing';
import { SubscriptionRenewals } from '@billing/subscriptions';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { billRunDuration, billRunInvoices } from '../metrics/scheduler-metrics';
import { ScheduledTask } from './scheduled-task';

/**
 * Every minute of billing time, in this order: subscriptions cross the period boundaries due (renewals,
 * trial ends, scheduled changes, cancels, pauses), then the bill run invoices every billing event due.
 */
@Injectable()
export class BillingCycleTask implements ScheduledTask {
  readonly name = 'billing-cycle';
  readonly everyMs = 60_000;
  private readonly logger = new Logger('BillingCycle');

  constructor(
    private readonly renewals: SubscriptionRenewals,
    private readonly billRun: BillRun,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(now: Date): Promise<void> {
    const observeDuration = billRunDuration().startTimer();
    let outcome = 'error';
    try {
      const advanced = await this.renewals.advanceDue(now);
      const invoices = await this.billRun.runDue(now, { seller: sellerOf(this.config) });
      if (advanced > 0 || invoices.length > 0) {
        this.logger.log(`to ${now.toISOString()}: advanced ${advanced} subscriptions, issued ${invoices.length} invoices`);
      }
      billRunInvoices().observe(invoices.length);
      outcome = 'success';
    } finally {
      observeDuration({ outcome });
    }
  }
}
