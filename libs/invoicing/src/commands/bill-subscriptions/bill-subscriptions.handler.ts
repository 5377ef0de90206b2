import { AppConfig, APP_CONFIG } from '@billing/core';
import { Clock } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BillRun } from '../../bill-run/bill-run';
import { sellerOf } from '../../bill-run/invoice-inputs';
import { BillSubscriptionCommand } from './bill-subscription.command';

@CommandHandler(BillSubscriptionCommand)
export class BillSubscriptionHandler implements ICommandHandler<BillSubscriptionCommand> {
  constructor(
    private readonly billRun: BillRun,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ subscriptionId, manager }: BillSubscriptionCommand): Promise<void> {
    await this.clock.refresh();
    await this.billRun.billNow(manager, subscriptionId, this.clock.now(), { seller: sellerOf(this.config) });
  }
}
