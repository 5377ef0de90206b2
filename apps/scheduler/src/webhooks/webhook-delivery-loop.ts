import { APP_CONFIG, AppConfig } from '@billing/core';
import { WebhookDispatcher } from '@billing/webhooks';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs the webhook dispatcher for the scheduler's lifetime. With the test clock it looks for due deliveries
 * every 100 ms (as the ticker ticks), so a clock move is followed at once; otherwise every 250 ms.
 */
@Injectable()
export class WebhookDeliveryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.dispatcher.start({ pollMs: this.config.clockMode === 'test' ? 100 : 250 });
  }

  async onApplicationShutdown() {
    await this.dispatcher.stop();
  }
}
