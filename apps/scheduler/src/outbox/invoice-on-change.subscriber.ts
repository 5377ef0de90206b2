import { AppConfig, APP_CONFIG } from '@billing/core';
import { Clock, DomainEvent } from '@billing/kernel';
import { BillRun, sellerOf } from '@billing/invoicing';
import { Inject, Injectable } from '@nestjs/common';
import { EventSubscriber } from './event-subscriber';

const CHANGES = new Set(['subscription.created', 'subscription.updated', 'subscription.canceled', 'subscription.paused', 'subscription.resumed']);

/**
 * A subscription change (a start, a prorated upgrade, an immediate cancel) is invoiced at once rather than
 * at the next billing cycle. The bill run is idempotent by itself (billing events are marked billed with
 * their invoice), so it runs in its own transaction.
 */
@Injectable()
export class InvoiceOnChangeSubscriber implements EventSubscriber {
  readonly name = 'invoice-on-change';

  constructor(
    private readonly billRun: BillRun,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handles(type: string): boolean {
    return CHANGES.has(type);
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.clock.refresh();
    await this.billRun.runDue(this.clock.now(), { seller: sellerOf(this.config), subscriptionIds: [event.resourceId] });
  }
}
