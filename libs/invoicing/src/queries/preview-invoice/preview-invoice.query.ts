import { ProposedChange } from '@billing/subscriptions';
import { Query } from '@nestjs/cqrs';
import { InvoicePreview } from '../invoice-preview.view';

export type { ProposedChange } from '@billing/subscriptions';

export type PreviewRequest = { accountId: string } | { subscriptionId: string; change: ProposedChange };

export class PreviewInvoiceQuery extends Query<InvoicePreview> {
  constructor(readonly request: PreviewRequest) {
    super();
  }
}
