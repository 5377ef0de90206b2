import { EventSubscriber } from '@billing/core';
import { EventOf } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { BillSubscriptionsCommand } from '../commands/bill-subscriptions/bill-subscriptions.command';

const CHANGES = [
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'subscription.paused',
  'subscription.resumed',
] as const;
type SubscriptionChange = (typeof CHANGES)[number];

/**
 * A subscription change is invoiced at once: a batch of `subscription.*` events → one BillSubscriptions for
 * the subscriptions they name, in the inbox transaction.
 */
@Injectable()
export class InvoiceOnSubscriptionChangeSaga implements EventSubscriber<SubscriptionChange> {
  readonly name = 'invoice-on-change';
  readonly types = CHANGES;

  constructor(private readonly commands: CommandBus) {}

  handle(events: readonly EventOf<SubscriptionChange>[], manager: EntityManager): Promise<void> {
    const subscriptionIds = [...new Set(events.map((event) => event.data.id))];
    return this.commands.execute(new BillSubscriptionsCommand(subscriptionIds, manager));
  }
}
