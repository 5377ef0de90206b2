import { DomainError, InvalidState, ValidationFailed } from '@billing/kernel';

/** A refund goes back to what was paid: only a paid invoice's payments can be refunded. */
export class RefundNeedsPaidInvoice extends DomainError {
  constructor(status: string) {
    super('validation', 'invoice_not_paid', `Only a paid invoice can be refunded; this one is ${status}. Credit it instead.`, [
      { field: 'refund', message: 'the invoice is not paid: there is nothing to refund' },
    ]);
  }
}

export class CreditExceedsInvoice extends ValidationFailed {
  constructor(maximum: number) {
    super([{ field: 'amount', message: `must not exceed ${maximum}, what the invoice still allows to credit` }]);
  }
}

export const cannotVoid = (status: string) =>
  new InvalidState(`Only an open invoice without payments can be voided; this one is ${status}.`);
export const cannotCredit = (status: string) => new InvalidState(`A ${status} invoice cannot be credited.`);
