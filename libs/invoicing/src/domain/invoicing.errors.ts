import { DomainError, InvalidState, ValidationFailed } from '@billing/kernel';

export class RefundUnavailable extends DomainError {
  constructor() {
    super('validation', 'refund_unavailable', 'Refunds need a payment provider, which is not set up yet; credit the balance instead.', [
      { field: 'refund', message: 'refunds are not available yet' },
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
