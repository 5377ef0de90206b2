import { appendToOutbox, inSpan } from '@billing/core';
import { RecordPaymentOutcomesCommand } from '@billing/invoicing';
import { Clock, domainEvent } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { idempotencyKeys } from '../domain/idempotency-keys';
import { PaymentRecord, settle } from '../domain/payment';
import type { ChargeLookup, ChargeOutcome, PaymentProvider } from '../domain/payment-provider';
import { ChargeablePayment, Collectable, Payments, PaymentsOrInvoices } from '../persistence/payments';
import { PAYMENT_PROVIDER } from '../payment-provider.token';
import { toPaymentView } from '../queries/payment.view';

/** Provider calls in flight at once for one batch: a slow provider delays its batch, not the others. */
const CHARGE_CONCURRENCY = 16;

/**
 * Collecting invoices, in Kill Bill's two phases: the payment row is written `pending` (its own transaction,
 * committed) before the provider is called with the key `payment_<id>`, then what the provider answered is
 * recorded. A crash in between leaves a `pending` payment that the same charge, sent again with the same key,
 * settles without charging twice (a redelivered event does that, or reconciliation); an answer we did not
 * hear leaves it `unknown` for reconciliation. Set-based: one insert opens a batch's payments, one
 * transaction records their outcomes.
 */
@Injectable()
export class PaymentCollector {
  private readonly logger = new Logger('PaymentCollector');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  /** Opens attempts for the invoices that can be charged (a default method, no live attempt) and collects them. */
  async open(invoices: readonly Collectable[]): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.openIn(manager, invoices));
  }

  /** {@link open} in the caller's transaction (dunning's, which records the retry in the same one). */
  async openIn(manager: EntityManager, invoices: readonly Collectable[]): Promise<string[]> {
    if (invoices.length === 0) return [];
    await this.clock.refresh();
    return Payments.open(manager, invoices, this.provider.name, this.clock.now());
  }

  /** Charges the pending payments among `ids` or of `invoiceIds` and records what the provider answered. */
  async charge(where: PaymentsOrInvoices): Promise<PaymentRecord[]> {
    const pending = await Payments.pendingCharges(this.dataSource.manager, where);
    const answers: { paymentId: string; answer: ChargeOutcome }[] = [];
    const faults: unknown[] = [];
    await inBatches(pending, CHARGE_CONCURRENCY, async (payment) => {
      try {
        // In the job's trace (the event's that asked for the charge): the provider's HTTP call is found under it.
        const answer = await inSpan(
          'payment charge',
          { 'billing.payment.id': payment.id, 'billing.invoice.id': payment.invoiceId, 'billing.payment.provider': this.provider.name },
          () => this.provider.charge(chargeOf(payment), idempotencyKeys.payment(payment.id)),
        );
        answers.push({ paymentId: payment.id, answer });
      } catch (error) {
        // A fault on our side (credentials, a bug): nothing was charged; the payment stays pending for reconciliation.
        this.logger.error(`charging payment ${payment.id} of invoice ${payment.invoiceId} failed: ${(error as Error).message}`);
        faults.push(error);
      }
    });
    const recorded = await this.record(answers);
    if (faults.length > 0)
      throw new Error(`${faults.length} of ${pending.length} charges could not be sent: ${(faults[0] as Error).message}`);
    return recorded;
  }

  /**
   * Records what the provider said of payments (a charge's answer, a lookup, a Stripe webhook), in one
   * transaction: each payment moves as {@link settle} allows (a late failure never undoes a success), its
   * invoice is settled through invoicing, and `payment.succeeded` / `payment.failed` are raised. Answers the
   * payments that changed.
   */
  async record(answers: readonly { paymentId: string; answer: ChargeOutcome | ChargeLookup }[]): Promise<PaymentRecord[]> {
    if (answers.length === 0) return [];
    return this.dataSource.transaction((manager) => this.recordIn(manager, answers));
  }

  /** {@link record} inside the caller's transaction (a Stripe webhook's, whose event id is stored in the same one). */
  async recordIn(
    manager: EntityManager,
    answers: readonly { paymentId: string; answer: ChargeOutcome | ChargeLookup }[],
  ): Promise<PaymentRecord[]> {
    if (answers.length === 0) return [];
    await this.clock.refresh();
    const now = this.clock.now();
    const current = new Map(
      (
        await Payments.lockMany(
          manager,
          answers.map((entry) => entry.paymentId),
        )
      ).map((payment) => [payment.id, payment]),
    );
    const changed: PaymentRecord[] = [];
    for (const { paymentId, answer } of answers) {
      const payment = current.get(paymentId);
      const settlement = payment && settle(payment, answer);
      if (!payment || !settlement) continue;
      const updated = { ...payment, ...settlement, updatedAt: now };
      current.set(paymentId, updated);
      changed.push(updated);
    }
    await Payments.saveSettlements(
      manager,
      changed.map((payment) => ({ id: payment.id, settlement: payment })),
      now,
    );
    const final = changed.filter((payment) => payment.status === 'succeeded' || payment.status === 'failed');
    await appendToOutbox(
      manager,
      final.map((payment) =>
        domainEvent(
          payment.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
          'payment',
          payment.id,
          toPaymentView(payment),
          now,
        ),
      ),
    );
    await this.commands.execute(
      new RecordPaymentOutcomesCommand(
        final.map((payment) =>
          payment.status === 'succeeded'
            ? { invoiceId: payment.invoiceId, paid: payment.amount }
            : { invoiceId: payment.invoiceId, failed: true },
        ),
        manager,
      ),
    );
    return changed;
  }
}

function chargeOf(payment: ChargeablePayment) {
  return {
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    amount: payment.amount,
    currency: payment.currency,
    customerId: payment.customerId,
    paymentMethodId: payment.providerPaymentMethodId,
  };
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
