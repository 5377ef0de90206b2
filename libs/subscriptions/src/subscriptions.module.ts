import { AccountsModule } from '@billing/accounts';
import { CatalogModule } from '@billing/catalog';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanPricing } from './commands/plan-pricing';
import {
  CancelSubscriptionHandler,
  ChangeSubscriptionHandler,
  CreateSubscriptionHandler,
  PauseSubscriptionHandler,
  ResumeSubscriptionHandler,
} from './commands/subscription.handlers';
import { SubscriptionRenewals } from './commands/subscription-renewals';
import { SubscriptionWriter } from './commands/subscription-writer';
import { SubscriptionEntity } from './persistence/subscription.entity';
import { SubscriptionRepository } from './persistence/subscription.repository';
import { GetSubscriptionHandler, ListBillingEventsHandler, ListSubscriptionsHandler } from './queries/subscription.queries';

@Module({
  imports: [TypeOrmModule.forFeature([SubscriptionEntity]), AccountsModule, CatalogModule],
  providers: [
    SubscriptionRepository,
    SubscriptionWriter,
    PlanPricing,
    SubscriptionRenewals,
    CreateSubscriptionHandler,
    ChangeSubscriptionHandler,
    CancelSubscriptionHandler,
    PauseSubscriptionHandler,
    ResumeSubscriptionHandler,
    GetSubscriptionHandler,
    ListSubscriptionsHandler,
    ListBillingEventsHandler,
  ],
  exports: [SubscriptionRenewals, SubscriptionRepository],
})
export class SubscriptionsModule {}
