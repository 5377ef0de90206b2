import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES, queueConnection } from './queues';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: queueConnection(config),
        prefix: config.queuePrefix,
        // Completed jobs are kept a week so that a relay re-adding the same jobId after a crash is a no-op.
        defaultJobOptions: {
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue({ name: QUEUES.domainEvents }, { name: QUEUES.scheduledTasks }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
