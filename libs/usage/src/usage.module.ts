import { CatalogModule } from '@billing/catalog';
import { Module } from '@nestjs/common';
import { IngestUsageHandler } from './ingestion/ingest-usage';
import { MetricCache } from './persistence/metric-cache';
import { UsageEventStore } from './persistence/usage-event.store';
import { UsagePartitions } from './persistence/usage-partitions';
import { UsageRetention } from './persistence/usage-retention';
import { GetCurrentUsageHandler } from './queries/current-usage.query';
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
