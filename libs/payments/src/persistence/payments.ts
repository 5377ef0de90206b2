import { bulkColumns, bulkUpdate } from '@billing/core';
import { newId } from '@billing/kernel';
import { EntityManager } from 'typeorm';
import type { PaymentRecord, PaymentSettlement } from '../domain/payment';
import type { PaymentProviderName } from '../domain/payment-provider';

/** An invoice to collect: what the payments lib needs of it (from the invoice's view). */
export interface Collectable {
  invoiceId: string;
  accountId: string;
  amount: number;
  currency: string;
}

/** Payments by their ids, or those of invoices. */
export type PaymentsOrInvoices = { ids: readonly string[] } | { invoiceIds: readonly string[] };

/** A payment with what its charge needs: the provider's customer and method. */
export interface ChargeablePayment extends PaymentRecord {
  customerId: string;
  providerPaymentMethodId: string;
}

interface PaymentRow {
  id: string;
  invoice_id: string;
  account_id: string;
  amount: string;
  currency: string;
  status: PaymentRecord['status'];
  provider: PaymentRecord['provider'];
  payment_method_id: string | null;
  provider_payment_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  attempt: number;
  refunded_amount: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `p.id, p.invoice_id, p.account_id, p.amount, p.currency, p.status, p.provider, p.payment_method_id,
  p.provider_payment_id, p.failure_code, p.failure_message, p.attempt, p.refunded_amount, p.created_at, p.updated_at`;

export const toPayment = (row: PaymentRow): PaymentRecord => ({
  id: row.id,
  invoiceId: row.invoice_id,
  accountId: row.account_id,
  amount: Number(row.amount),
  currency: row.currency,
  status: row.status,
  provider: row.provider,
  paymentMethodId: row.payment_method_id,
  providerPaymentId: row.provider_payment_id,
  failureCode: row.failure_code,
  failureMessage: row.failure_message,
  attempt: row.attempt,
  refundedAmount: Number(row.refunded_amount),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The payments table (the payments lib's own), set-based. */
export const Payments = {
  /**
   * Opens a `pending` attempt, numbered after the invoice's last, for each invoice whose account has a
   * default method of this provider and that has no live attempt (pending, unknown or succeeded): one
   * statement, and the unique index makes a concurrent second attempt a no-op rather than a second charge.
   * Answers the ids of the payments it opened.
   */
  async open(manager: EntityManager, invoices: readonly Collectable[], provider: PaymentProviderName, now: Date): Promise<string[]> {
    if (invoices.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO payments (id, invoice_id, account_id, amount, currency, status, provider, payment_method_id, attempt, created_at, updated_at)
       SELECT wanted.id, wanted.invoice_id, wanted.account_id, wanted.amount, wanted.currency, 'pending', $6, method.id,
              coalesce((SELECT max(attempt) FROM payments earlier WHERE earlier.invoice_id = wanted.invoice_id), 0) + 1, $7, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS wanted (id, invoice_id, account_id, amount, currency)
         JOIN payment_methods method ON method.account_id = wanted.account_id AND method.is_default AND method.detached_at IS NULL
                                    AND method.provider = $6
        WHERE wanted.amount > 0
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        invoices.map(() => newId('pay')),
        invoices.map((invoice) => invoice.invoiceId),
        invoices.map((invoice) => invoice.accountId),
        invoices.map((invoice) => invoice.amount),
        invoices.map((invoice) => invoice.currency),
        provider,
        now,
      ],
    );
    return rows.map((row) => row.id);
  },

  /** The number the invoice's next attempt takes. */
  async nextAttempt(manager: EntityManager, invoiceId: string): Promise<number> {
    const [row]: { attempt: number }[] = await manager.query(
      'SELECT coalesce(max(attempt), 0)::int + 1 AS attempt FROM payments WHERE invoice_id = $1',
      [invoiceId],
    );
    return row.attempt;
  },

  /**
   * Stores a payment received outside any provider (`provider: manual`, succeeded); answers false, storing
   * nothing, when the invoice has a live attempt already or another took that attempt number (the unique indexes).
   */
  async insertManual(manager: EntityManager, payment: PaymentRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO payments (id, invoice_id, account_id, amount, currency, status, provider, attempt, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'succeeded', 'manual', $6, $7, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [payment.id, payment.invoiceId, payment.accountId, payment.amount, payment.currency, payment.attempt, payment.createdAt],
    );
    return rows.length > 0;
  },

  /** The payments with what charging them needs, those still `pending` among `ids` or of `invoiceIds`. */
  async pendingCharges(manager: EntityManager, where: PaymentsOrInvoices): Promise<ChargeablePayment[]> {
    // One key column per query, so that each is an index lookup.
    const [column, keys] = 'ids' in where ? ['p.id', where.ids] : ['p.invoice_id', where.invoiceIds];
    const rows: (PaymentRow & { customer_id: string; provider_payment_method_id: string })[] = await manager.query(
      `SELECT ${COLUMNS}, customer.customer_id, method.provider_payment_method_id
         FROM payments p
         JOIN payment_methods method ON method.id = p.payment_method_id
         JOIN payment_customers customer ON customer.account_id = p.account_id AND customer.provider = p.provider
        WHERE p.status = 'pending' AND ${column} = ANY($1)
        ORDER BY p.id`,
      [keys],
    );
    return rows.map((row) => ({ ...toPayment(row), customerId: row.customer_id, providerPaymentMethodId: row.provider_payment_method_id }));
  },

  /** Payments locked for this transaction, in id order. */
  async lockMany(manager: EntityManager, ids: readonly string[]): Promise<PaymentRecord[]> {
    const rows: PaymentRow[] = await manager.query(`SELECT ${COLUMNS} FROM payments p WHERE p.id = ANY($1) ORDER BY p.id FOR UPDATE`, [
      [...ids].sort(),
    ]);
    return rows.map(toPayment);
  },

  async find(manager: EntityManager, id: string): Promise<PaymentRecord | null> {
    const [row]: PaymentRow[] = await manager.query(`SELECT ${COLUMNS} FROM payments p WHERE p.id = $1`, [id]);
    return row ? toPayment(row) : null;
  },

  /** The invoice's payment by provider id (a Stripe webhook names the PaymentIntent, and our payment in its metadata). */
  async findByProviderPayment(manager: EntityManager, providerPaymentId: string, paymentId: string | null): Promise<PaymentRecord | null> {
    const [row]: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payments p WHERE p.provider_payment_id = $1 OR p.id = $2 ORDER BY (p.id = $2) DESC LIMIT 1`,
      [providerPaymentId, paymentId],
    );
    return row ? toPayment(row) : null;
  },

  /** Whether the payment's invoice has a live attempt (pending, unknown or succeeded) other than this one. */
  async hasOtherLiveAttempt(manager: EntityManager, payment: Pick<PaymentRecord, 'id' | 'invoiceId'>): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM payments WHERE invoice_id = $1 AND id <> $2 AND status IN ('pending', 'unknown', 'succeeded') LIMIT 1`,
      [payment.invoiceId, payment.id],
    );
    return rows.length > 0;
  },

  /** Settles payments, one statement. */
  async saveSettlements(manager: EntityManager, settled: readonly { id: string; settlement: PaymentSettlement }[], now: Date) {
    await bulkUpdate(
      manager,
      'payments',
      bulkColumns([
        ['id', 'text'],
        ['status', 'text'],
        ['provider_payment_id', 'text'],
        ['failure_code', 'text'],
        ['failure_message', 'text'],
        ['updated_at', 'timestamptz'],
      ]),
      settled.map(({ id, settlement }) => [
        id,
        settlement.status,
        settlement.providerPaymentId,
        settlement.failureCode,
        settlement.failureMessage,
        now,
      ]),
    );
  },

  /** Payments whose outcome we have not heard: `unknown`, and `pending` ones left longer than `staleBefore`. */
  async unsettled(manager: EntityManager, staleBefore: Date, limit: number): Promise<PaymentRecord[]> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payments p
        WHERE p.status IN ('pending', 'unknown') AND (p.status = 'unknown' OR p.updated_at < $1)
        ORDER BY p.updated_at LIMIT $2`,
      [staleBefore, limit],
    );
    return rows.map(toPayment);
  },

  async findRefund(manager: EntityManager, id: string): Promise<{ amount: number; status: 'pending' | 'succeeded' | 'failed' } | null> {
    const [row]: { amount: string; status: 'pending' | 'succeeded' | 'failed' }[] = await manager.query(
      `SELECT amount, status FROM refunds WHERE id = $1`,
      [id],
    );
    return row ? { amount: Number(row.amount), status: row.status } : null;
  },

  /** A succeeded payment of the invoice (there is at most one: the live-attempt index). */
  async succeededOf(manager: EntityManager, invoiceId: string): Promise<PaymentRecord | null> {
    const [row]: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payments p WHERE p.invoice_id = $1 AND p.status = 'succeeded'`,
      [invoiceId],
    );
    return row ? toPayment(row) : null;
  },

  async addRefund(
    manager: EntityManager,
    refund: { id: string; paymentId: string; amount: number; status: 'pending' | 'succeeded'; providerRefundId: string | null },
    now: Date,
  ) {
    await manager.query(
      `INSERT INTO refunds (id, payment_id, amount, status, provider_refund_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [refund.id, refund.paymentId, refund.amount, refund.status, refund.providerRefundId, now],
    );
    await manager.query(`UPDATE payments SET refunded_amount = refunded_amount + $2, updated_at = $3 WHERE id = $1`, [
      refund.paymentId,
      refund.amount,
      now,
    ]);
  },

  /** A refund's outcome (`pending`: accepted, on its way); a refused one gives its amount back to what the payment may still refund. */
  async settleRefund(
    manager: EntityManager,
    refundId: string,
    outcome: { status: 'succeeded' | 'pending'; providerRefundId: string | null } | { status: 'failed'; failureCode: string },
  ): Promise<void> {
    if (outcome.status !== 'failed') {
      await manager.query(`UPDATE refunds SET status = $3, provider_refund_id = $2 WHERE id = $1`, [
        refundId,
        outcome.providerRefundId,
        outcome.status,
      ]);
      return;
    }
    await manager.query(
      `WITH failed AS (UPDATE refunds SET status = 'failed', failure_code = $2 WHERE id = $1 AND status = 'pending' RETURNING payment_id, amount)
       UPDATE payments SET refunded_amount = refunded_amount - failed.amount FROM failed WHERE payments.id = failed.payment_id`,
      [refundId, outcome.failureCode],
    );
  },
};
