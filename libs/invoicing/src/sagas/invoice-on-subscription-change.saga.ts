import { EventSubscriber } from '@billing/core';
import { EventOf } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { BillSubscriptionCommand } from '../commands/bill-subscription/bill-subscription.command';

const CHANGES = [
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'subscription.paused',
  'subscription.resumed',
] as const;
type SubscriptionChange = (typeof CHANGES)[number];

/** A subscription change is invoiced at once: `subscription.*` → BillSubscription, in the inbox transaction. */
@Injectable()
export class InvoiceOnSubscriptionChangeSaga implements EventSubscriber<SubscriptionChange> {
  readonly name = 'invoice-on-change';
  readonly types = CHANGES;

  constructor(private readonly commands: CommandBus) {}

  handle(event: EventOf<SubscriptionChange>, manager: EntityManager): Promise<void> {
    return this.commands.execute(new BillSubscriptionCommand(event.data.id, manager));
  }
}
