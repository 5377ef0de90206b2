import { AppConfig, APP_CONFIG } from '@billing/core';
import { Clock } from '@billing/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BillRun } from '../../bill-run/bill-run';
import { sellerOf } from '../../bill-run/invoice-inputs';
import { BillSubscriptionsCommand } from './bill-subscriptions.command';

@CommandHandler(BillSubscriptionsCommand)
export class BillSubscriptionsHandler implements ICommandHandler<BillSubscriptionsCommand> {
  constructor(
    private readonly billRun: BillRun,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ subscriptionIds, manager }: BillSubscriptionsCommand): Promise<void> {
    await this.clock.refresh();
    await this.billRun.billNow(manager, subscriptionIds, this.clock.now(), { seller: sellerOf(this.config) });
  }
}
