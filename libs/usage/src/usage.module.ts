import { CatalogModule } from '@billing/catalog';
import { Module } from '@nestjs/common';
import { IngestUsageHandler } from './commands/ingest-usage/ingest-usage.handler';
import { MetricCache } from './persistence/metric-cache';
import { UsageEventStore } from './persistence/usage-event.store';
import { UsagePartitions } from './persistence/usage-partitions';
import { UsageRetention } from './persistence/usage-retention';
import { GetCurrentUsageHandler } from './queries/get-current-usage/get-current-usage.handler';
import { UsageInvoicing } from './rating/usage-invoicing';
import { UsageRating } from './rating/usage-rating';

@Module({
  imports: [CatalogModule],
  providers: [
    MetricCache,
    UsageEventStore,
    UsagePartitions,
    UsageRetention,
    UsageRating,
    UsageInvoicing,
    IngestUsageHandler,
    GetCurrentUsageHandler,
  ],
  exports: [UsageRating, UsageInvoicing, UsageRetention, UsagePartitions],
})
export class UsageModule {}
