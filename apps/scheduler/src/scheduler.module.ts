import { AnalyticsModule } from '@billing/analytics';
import { AuditModule } from '@billing/audit';
import {
  AppConfig,
  ClockModule,
  ConfigModule,
  EVENT_SUBSCRIBERS,
  EventSubscriber,
  QueueModule,
  SchedulerDatabaseModule,
} from '@billing/core';
import { InvoiceOnSubscriptionChangeSaga, InvoicingModule } from '@billing/invoicing';
import { ChargeOnInvoiceFinalizedSaga, PaymentsModule, RefundOnCreditNoteSaga } from '@billing/payments';
import { SubscriptionsModule } from '@billing/subscriptions';
import { DunningModule, FollowUnpaidInvoicesSaga } from '@billing/dunning';
import { UsageModule } from '@billing/usage';
import { FanOutWebhooksSubscriber, WebhooksModule } from '@billing/webhooks';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { DomainEventsProcessor } from './outbox/domain-events.processor';
import { OutboxRelay } from './outbox/outbox-relay';
import { AuditRetentionTask } from './tasks/audit-retention.task';
import { ClockTicker } from './tasks/clock-ticker';
import { SCHEDULED_TASKS, ScheduledTask } from './tasks/scheduled-task';
import { ScheduledTasksProcessor } from './tasks/scheduled-tasks.processor';
import { BillingCycleTask } from './tasks/billing-cycle.task';
import { UsageRetentionTask } from './tasks/usage-retention.task';
import { PaymentReconciliationTask } from './tasks/payment-reconciliation.task';
import { DunningTask } from './tasks/dunning.task';
import { AnalyticsTask } from './tasks/analytics.task';
import { OperationsServer } from './health/operations-server';
import { SchedulerReadiness } from './health/readiness';
import { SchedulerMetrics } from './metrics/scheduler-metrics';
import { BullMqTelemetry } from './telemetry/bullmq-telemetry';
import { schedulerLoggerOptions } from './telemetry/logging';
import { WebhookDeliveryLoop } from './webhooks/webhook-delivery-loop';

export interface SchedulerOptions {
  /** Subscribers beyond the platform's own (an embedding application's, or a test probe). */
  extraSubscribers?: EventSubscriber[];
}

/** Background work: the outbox relay, event consumers and the clock-driven tasks; HTTP for operations only. */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig, options: SchedulerOptions = {}): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(schedulerLoggerOptions(config)),
        SchedulerDatabaseModule,
        ClockModule,
        QueueModule,
        CqrsModule.forRoot(),
        AuditModule,
        SubscriptionsModule,
        InvoicingModule,
        UsageModule,
        PaymentsModule,
        DunningModule,
        AnalyticsModule,
        WebhooksModule,
      ],
      providers: [
        OutboxRelay,
        DomainEventsProcessor,
        InvoiceOnSubscriptionChangeSaga,
        {
          provide: EVENT_SUBSCRIBERS,
          // Dunning follows an invoice after the charge saga has tried it (subscribers run in this order).
          inject: [
            InvoiceOnSubscriptionChangeSaga,
            ChargeOnInvoiceFinalizedSaga,
            RefundOnCreditNoteSaga,
            FollowUnpaidInvoicesSaga,
            FanOutWebhooksSubscriber,
          ],
          useFactory: (...subscribers: EventSubscriber[]) => [...subscribers, ...(options.extraSubscribers ?? [])],
        },
        AuditRetentionTask,
        BillingCycleTask,
        UsageRetentionTask,
        PaymentReconciliationTask,
        DunningTask,
        AnalyticsTask,
        {
          provide: SCHEDULED_TASKS,
          inject: [AuditRetentionTask, BillingCycleTask, UsageRetentionTask, PaymentReconciliationTask, DunningTask, AnalyticsTask],
          useFactory: (...tasks: ScheduledTask[]) => tasks,
        },
        ClockTicker,
        ScheduledTasksProcessor,
        WebhookDeliveryLoop,
        // Operations: /health, /health/ready and /metrics on SCHEDULER_PORT, the metrics, BullMQ's spans.
        SchedulerMetrics,
        SchedulerReadiness,
        OperationsServer,
        BullMqTelemetry,
      ],
    };
  }
}
