import { DataSource } from 'typeorm';
import { Foundation1764000000000 } from './1764000000000-foundation';
import { Catalog1764000000100 } from './1764000000100-catalog';
import { Subscriptions1764000000200 } from './1764000000200-subscriptions';
import { Invoicing1764000000350 } from './1764000000350-invoicing';
import { TaxRates1764000000300 } from './1764000000300-tax-rates';
import { Usage1764000000400 } from './1764000000400-usage';
import { WorkFailures1764000000500 } from './1764000000500-work-failures';
import { BillingAtOneInstant1764000000600 } from './1764000000600-billing-at-one-instant';
import { IssuedDocuments1764000000700 } from './1764000000700-issued-documents';
import { IdempotencyLease1764000000800 } from './1764000000800-idempotency-lease';
import { UndeliveredEvents1764000000900 } from './1764000000900-undelivered-events';
import { Payments1764000001000 } from './1764000001000-payments';
import { Dunning1764000001100 } from './1764000001100-dunning';
import { Webhooks1764000001200 } from './1764000001200-webhooks';
import { Analytics1764000001300 } from './1764000001300-analytics';
import { EventTraces1764000001400 } from './1764000001400-event-traces';
import { DeliveryTraces1764000001500 } from './1764000001500-delivery-traces';

/** Every migration, oldest first. A new one is appended here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Catalog1764000000100,
  Subscriptions1764000000200,
  TaxRates1764000000300,
  Invoicing1764000000350,
  Usage1764000000400,
  WorkFailures1764000000500,
  BillingAtOneInstant1764000000600,
  IssuedDocuments1764000000700,
  IdempotencyLease1764000000800,
  UndeliveredEvents1764000000900,
  Payments1764000001000,
  Dunning1764000001100,
  Webhooks1764000001200,
  Analytics1764000001300,
  EventTraces1764000001400,
  DeliveryTraces1764000001500,
];

// Serialises concurrent starters (two api replicas, the api and a test template) on one lock.
const MIGRATION_LOCK = 7_311_002;

/** Applies pending migrations, each in its own transaction; answers the names applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: MIGRATIONS,
    // One connection, so that the advisory lock and the migrations share a session.
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }
}
