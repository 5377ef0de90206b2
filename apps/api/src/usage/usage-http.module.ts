import { UsageModule } from '@billing/usage';
import { Module } from '@nestjs/common';
import { SubscriptionUsageController } from './subscription-usage.controller';
import { UsageController } from './usage.controller';

/** The usage routes: `POST /v1/usage` and `GET /v1/subscriptions/{id}/usage`. */
@Module({
  imports: [UsageModule],
  controllers: [UsageController, SubscriptionUsageController],
})
export class UsageHttpModule {}
