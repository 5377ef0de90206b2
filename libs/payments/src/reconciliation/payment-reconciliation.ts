import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentCollector } from '../charging/payment-collector';
import type { PaymentProvider } from '../domain/payment-provider';
import { Payments } from '../persistence/payments';
import { PAYMENT_PROVIDER } from '../payment-provider.token';

/** A pending payment older than this was left by a crash between its row and the provider's answer. */
export const PENDING_STALE_AFTER_MS = 5 * 60 * 1000;
const BATCH = 200;

/**
 * Kill Bill's janitor: settles the payments whose outcome we never heard. A stale `pending` one is charged
 * again with its own key (the provider answers the first charge's outcome, or charges now if the first never
 * reached it); an `unknown` one is looked up at the provider (by PaymentIntent, else by our payment id) and
 * settled by what it says. `not_found` leaves it `unknown`: it is never guessed.
 */
@Injectable()
export class PaymentReconciliation {
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly collector: PaymentCollector,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  /** Settles what it can of the unsettled payments due by `now`; answers how many it settled. */
  async run(now: Date): Promise<number> {
    const unsettled = await Payments.unsettled(this.dataSource.manager, new Date(now.getTime() - PENDING_STALE_AFTER_MS), BATCH);
    const stale = unsettled.filter((payment) => payment.status === 'pending').map((payment) => payment.id);
    const charged = stale.length > 0 ? await this.collector.charge({ ids: stale }) : [];
    const answers = await Promise.all(
      unsettled
        .filter((payment) => payment.status === 'unknown')
        .map(async (payment) => ({
          paymentId: payment.id,
          answer: await this.provider.findCharge({ providerPaymentId: payment.providerPaymentId, paymentId: payment.id }),
        })),
    );
    const settled = [...charged, ...(await this.collector.record(answers))].filter((payment) => payment.status !== 'unknown');
    const left = unsettled.length - settled.length;
    if (left > 0) this.logger.warn(`${left} payments still without an outcome from the provider`);
    return settled.length;
  }
}
