import { EventType, InvalidState, RaisesEvents } from '@billing/kernel';
import type { DraftInvoice } from './generate-invoices';
import type { InvoiceLineRecord, InvoiceRecord, InvoiceStatus } from './invoice-record';
import { cannotCredit, CreditExceedsInvoice, RefundNeedsPaidInvoice } from './invoicing.errors';

/** An invoice with its lines: the state its events carry. */
export interface InvoiceState {
  invoice: InvoiceRecord;
  lines: readonly InvoiceLineRecord[];
}

/** Where a credit note's amount went: off what the invoice still asks, or onto the account's balance. */
export interface CreditEffect {
  appliedTo: 'invoice' | 'credit_balance' | 'refund';
  /** What the account's credit balance gains (0 when the credit lowered the invoice). */
  balanceCredit: number;
}

/** What is still to be paid: what is due, less payments and credit notes; nothing once void. */
export function amountRemaining(invoice: Pick<InvoiceRecord, 'status' | 'amountDue' | 'amountPaid' | 'amountCredited'>): number {
  if (invoice.status === 'void') return 0;
  return Math.max(0, invoice.amountDue - invoice.amountPaid - invoice.amountCredited);
}

/**
 * An issued invoice. Its lines and totals never change once it is finalized; what changes is how it is
 * settled. The state table (statuses × actions), as Lago and Stripe keep it:
 *
 * | status        | void            | credit              | applyPayment | paymentFailed  | markUncollectible |
 * |---------------|-----------------|---------------------|--------------|----------------|-------------------|
 * | open          | yes, if unpaid  | lowers what remains | yes          | raises, stays  | yes               |
 * | paid          | no              | credits the balance | no           | nothing        | no                |
 * | void          | no              | no                  | no           | nothing        | no                |
 * | uncollectible | no              | no                  | no           | nothing        | no                |
 *
 * Each action answers its effect on the account's balance (the caller's to apply, through the accounts lib)
 * and raises its events; a settled invoice raises `invoice.paid`.
 */
export class Invoice extends RaisesEvents<InvoiceState> {
  private constructor(private state: { invoice: InvoiceRecord; lines: InvoiceLineRecord[] }) {
    super();
  }

  static restore(invoice: InvoiceRecord, lines: readonly InvoiceLineRecord[]): Invoice {
    return new Invoice({ invoice: { ...invoice }, lines: [...lines].sort((a, b) => a.position - b.position) });
  }

  /**
   * A draft becomes a document: it gets its id and number and is open, or paid at once when credit covered
   * it; `invoice.created` and `invoice.finalized` are raised (and `invoice.paid` for one paid at once).
   */
  static finalize(
    draft: DraftInvoice,
    identity: { id: string; number: string; accountId: string; currency: string },
    lineIds: readonly string[],
    now: Date,
  ): Invoice {
    const invoice: InvoiceRecord = {
      id: identity.id,
      number: identity.number,
      accountId: identity.accountId,
      subscriptionId: draft.subscriptionId,
      currency: identity.currency,
      status: draft.status,
      billingReason: draft.billingReason,
      effectiveAt: draft.effectiveAt,
      issuedAt: draft.issuedAt,
      dueAt: draft.dueAt,
      periodStart: draft.periodStart,
      periodEnd: draft.periodEnd,
      subtotal: draft.subtotal,
      tax: draft.tax,
      total: draft.total,
      creditApplied: draft.creditApplied,
      amountDue: draft.amountDue,
      amountPaid: 0,
      amountCredited: 0,
      amountRefunded: 0,
      notes: draft.notes,
      snapshot: draft.snapshot,
      paidAt: draft.status === 'paid' ? now : null,
      voidedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const lines = draft.lines.map((line, position) => ({ ...line, id: lineIds[position], invoiceId: identity.id, position }));
    const finalized = new Invoice({ invoice, lines });
    finalized.raise('invoice.created', now);
    finalized.raise('invoice.finalized', now);
    if (invoice.status === 'paid') finalized.raise('invoice.paid', now);
    return finalized;
  }

  get id(): string {
    return this.state.invoice.id;
  }

  get accountId(): string {
    return this.state.invoice.accountId;
  }

  get status(): InvoiceStatus {
    return this.state.invoice.status;
  }

  get amountRemaining(): number {
    return amountRemaining(this.state.invoice);
  }

  snapshot(): InvoiceState {
    return { invoice: { ...this.state.invoice }, lines: this.state.lines };
  }

  /** Voids an open invoice without payments; the credit it consumed goes back to the account (answered). */
  void(now: Date): { balanceCredit: number } {
    const { invoice } = this.state;
    if (invoice.status !== 'open' || invoice.amountPaid > 0) {
      throw new InvalidState(`Only an open invoice without payments can be voided; this one is ${invoice.status}.`);
    }
    this.update({ status: 'void', voidedAt: now }, now);
    this.raise('invoice.voided', now);
    return { balanceCredit: Math.max(0, invoice.creditApplied) };
  }

  /**
   * A credit note of `amount`: on an open invoice it lowers what remains to pay (settling the invoice at 0);
   * on a paid one it credits the account's balance, up to what the invoice charged less earlier notes, or
   * with `refund`, goes back to the customer through the payment provider (the payments lib refunds it), up
   * to what was paid less earlier notes.
   */
  credit(amount: number, now: Date, refund = false): CreditEffect {
    const { invoice } = this.state;
    if (refund && invoice.status !== 'paid') throw new RefundNeedsPaidInvoice(invoice.status);
    if (invoice.status !== 'open' && invoice.status !== 'paid') throw cannotCredit(invoice.status);
    const onInvoice = invoice.status === 'open';
    const creditable = onInvoice ? this.amountRemaining : Math.max(0, invoice.total - invoice.amountCredited);
    const maximum = refund ? Math.min(creditable, invoice.amountPaid - invoice.amountRefunded) : creditable;
    if (amount > maximum) throw new CreditExceedsInvoice(maximum);
    this.update({ amountCredited: invoice.amountCredited + amount, amountRefunded: invoice.amountRefunded + (refund ? amount : 0) }, now);
    if (onInvoice) this.settleIfNothingRemains(now);
    if (refund) return { appliedTo: 'refund', balanceCredit: 0 };
    return { appliedTo: onInvoice ? 'invoice' : 'credit_balance', balanceCredit: onInvoice ? 0 : amount };
  }

  /** A payment received (for the payments work): what remains shrinks, and nothing left settles the invoice. */
  applyPayment(amount: number, now: Date): void {
    const { invoice } = this.state;
    if (invoice.status !== 'open') throw new InvalidState(`A ${invoice.status} invoice cannot take a payment.`);
    this.update({ amountPaid: invoice.amountPaid + amount }, now);
    this.settleIfNothingRemains(now);
  }

  /** A collection attempt failed: nothing changes but the news (`invoice.payment_failed`); the invoice stays open. */
  paymentFailed(now: Date): void {
    if (this.state.invoice.status !== 'open') return;
    this.raise('invoice.payment_failed', now);
  }

  /**
   * Written off (Stripe's "mark uncollectible"): an open invoice stops asking for payment, by a person or by
   * dunning's `cancel` step; what was paid on it stands.
   */
  markUncollectible(now: Date): void {
    const { status } = this.state.invoice;
    if (status !== 'open') throw new InvalidState(`Only an open invoice can be marked uncollectible; this one is ${status}.`);
    this.update({ status: 'uncollectible' }, now);
    this.raise('invoice.marked_uncollectible', now);
  }

  /** Its due date passed unpaid (dunning says when): `invoice.overdue`, once per invoice, for an open one. */
  overdue(now: Date): void {
    if (this.state.invoice.status === 'open') this.raise('invoice.overdue', now);
  }

  private settleIfNothingRemains(now: Date): void {
    if (this.state.invoice.status !== 'open' || this.amountRemaining > 0) return;
    this.update({ status: 'paid', paidAt: now }, now);
    this.raise('invoice.paid', now);
  }

  private update(changes: Partial<InvoiceRecord>, now: Date): void {
    this.state.invoice = { ...this.state.invoice, ...changes, updatedAt: now };
  }

  private raise(type: EventType, now: Date): void {
    this.raiseEvent(type, { invoice: this.state.invoice, lines: this.state.lines }, now);
  }
}
