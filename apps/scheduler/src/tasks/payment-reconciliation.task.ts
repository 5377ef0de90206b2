import { PaymentReconciliation } from '@billing/payments';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/** Every minute of billing time: payments whose outcome was not heard are settled with the provider. */
@Injectable()
export class PaymentReconciliationTask implements ScheduledTask {
  readonly name = 'payment-reconciliation';
  readonly everyMs = 60_000;
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(private readonly reconciliation: PaymentReconciliation) {}

  async run(now: Date): Promise<void> {
    const settled = await this.reconciliation.run(now);
    if (settled > 0) this.logger.log(`settled ${settled} payments`);
  }
}
