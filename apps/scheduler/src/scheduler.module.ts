import { AppConfig, ClockModule, ConfigModule, DatabaseModule, QueueModule } from '@billing/core';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { DomainEventsProcessor } from './outbox/domain-events.processor';
import { EVENT_SUBSCRIBERS } from './outbox/event-subscriber';
import { OutboxRelay } from './outbox/outbox-relay';
import { AuditRetentionTask } from './tasks/audit-retention.task';
import { ClockTicker } from './tasks/clock-ticker';
import { SCHEDULED_TASKS } from './tasks/scheduled-task';
import { ScheduledTasksProcessor } from './tasks/scheduled-tasks.processor';

/** Background work, no HTTP: the outbox relay, event consumers and the clock-driven tasks. */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule,
        ClockModule,
        QueueModule,
        CqrsModule.forRoot(),
      ],
      providers: [
        OutboxRelay,
        DomainEventsProcessor,
        { provide: EVENT_SUBSCRIBERS, useValue: [] },
        AuditRetentionTask,
        { provide: SCHEDULED_TASKS, inject: [AuditRetentionTask], useFactory: (...tasks) => tasks },
        ClockTicker,
        ScheduledTasksProcessor,
      ],
    };
  }
}
