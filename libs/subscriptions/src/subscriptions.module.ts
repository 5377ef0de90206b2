import { AccountsModule } from '@billing/accounts';
import { CatalogModule } from '@billing/catalog';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CancelSubscriptionHandler } from './commands/cancel-subscription/cancel-subscription.handler';
import { ChangeSubscriptionHandler } from './commands/change-subscription/change-subscription.handler';
import { CreateSubscriptionHandler } from './commands/create-subscription/create-subscription.handler';
import { PauseSubscriptionHandler } from './commands/pause-subscription/pause-subscription.handler';
import { ResumeSubscriptionHandler } from './commands/resume-subscription/resume-subscription.handler';
import { ApplyDunningHandler } from './commands/apply-dunning/apply-dunning.handler';
import { SubscriptionEntity } from './persistence/subscription.entity';
import { SubscriptionRepository } from './persistence/subscription.repository';
import { PlanPricing } from './pricing/plan-pricing';
import { GetSubscriptionHandler } from './queries/get-subscription/get-subscription.handler';
import { ListBillingEventsHandler } from './queries/list-billing-events/list-billing-events.handler';
import { ListSubscriptionsHandler } from './queries/list-subscriptions/list-subscriptions.handler';
import { SubscriptionRenewals } from './renewals/subscription-renewals';
import { SubscriptionWriter } from './writer/subscription-writer';

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
    ApplyDunningHandler,
    GetSubscriptionHandler,
    ListSubscriptionsHandler,
    ListBillingEventsHandler,
  ],
  exports: [SubscriptionRenewals, SubscriptionRepository],
})
export class SubscriptionsModule {}
