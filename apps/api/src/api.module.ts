import { AccountsModule } from '@billing/accounts';
import { AuditModule } from '@billing/audit';
import { AuthModule } from '@billing/auth';
import { CatalogModule } from '@billing/catalog';
import { InvoicingModule } from '@billing/invoicing';
import { PaymentsModule } from '@billing/payments';
import { DunningModule } from '@billing/dunning';
import { AnalyticsModule } from '@billing/analytics';
import { SubscriptionsModule } from '@billing/subscriptions';
import { WebhooksModule } from '@billing/webhooks';
import { AppConfig, ClockModule, ConfigModule, DatabaseModule, EventsModule, IdempotencyStore, QueueModule } from '@billing/core';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { getToken, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
// Through the slice's index until libs/invoicing/src/index.ts re-exports it: then `@billing/invoicing`.
import { AccountsController } from './accounts/accounts.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditLogController } from './audit/audit-log.controller';
import { BillableMetricsController } from './catalog/metrics.controller';
import { PlansController } from './catalog/plans.controller';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { UsageHttpModule } from './usage/usage-http.module';
import { CreditNotesController, InvoicesController } from './invoices/invoices.controller';
import { TaxRatesController } from './tax-rates/tax-rates.controller';
import { InvoicePaymentsController, PaymentMethodsController, PaymentsController } from './payments/payments.controller';
import { StripeWebhookController } from './payments/stripe-webhook.controller';
import { DunningPolicyController } from './dunning/dunning-policy.controller';
import { AnalyticsController } from './analytics/analytics.controller';
import { MrrMetric } from './metrics/mrr.metric';
import { EventsController } from './events/events.controller';
import { HealthController } from './health/health.controller';
import { QueueHealthIndicator } from './health/queue.health';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { TextInputsPipe } from './http/text-inputs.pipe';
import { ProblemFilter } from './http/problem.filter';
import { validationPipe } from './http/validation';
import { loggerOptions } from './logging';
import { InvoicesGeneratedMetric } from './metrics/invoices-generated.metric';
import { PaymentsAttemptedMetric } from './metrics/payments-attempted.metric';
import { ERRORS_TOTAL, MetricsController, metricProviders } from './metrics/metrics';
import { TestClockController } from './test-clock/test-clock.controller';
import { TestClockService } from './test-clock/test-clock.service';
import { WebhookDeliveriesController, WebhookEndpointsController } from './webhooks/webhook-endpoints.controller';

/** The HTTP application: controllers that validate, check the role and dispatch one command or query. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const testClock = config.clockMode === 'test';
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        ClockModule,
        QueueModule,
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }),
        AuthModule,
        AuditModule,
        EventsModule,
        AccountsModule,
        CatalogModule,
        SubscriptionsModule,
        UsageHttpModule,
        InvoicingModule,
        PaymentsModule,
        DunningModule,
        AnalyticsModule,
        WebhooksModule,
      ],
      controllers: [
        HealthController,
        AccountsController,
        BillableMetricsController,
        PlansController,
        SubscriptionsController,
        InvoicesController,
        CreditNotesController,
        InvoicePaymentsController,
        PaymentsController,
        DunningPolicyController,
        AnalyticsController,
        PaymentMethodsController,
        StripeWebhookController,
        TaxRatesController,
        ApiKeysController,
        EventsController,
        AuditLogController,
        WebhookEndpointsController,
        WebhookDeliveriesController,
        ...(testClock ? [TestClockController] : []),
      ],
      providers: [
        ...metricProviders,
        InvoicesGeneratedMetric,
        PaymentsAttemptedMetric,
        MrrMetric,
        QueueHealthIndicator,
        ...(testClock ? [TestClockService] : []),
        {
          provide: IdempotencyStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new IdempotencyStore(dataSource, config.idempotencyLeaseSeconds),
        },
        {
          provide: APP_FILTER,
          inject: [getToken(ERRORS_TOTAL)],
          useFactory: (errorsTotal: Counter<'code' | 'status'>) => new ProblemFilter(errorsTotal),
        },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_PIPE, useClass: TextInputsPipe },
        { provide: APP_PIPE, useFactory: validationPipe },
      ],
    };
  }
}
