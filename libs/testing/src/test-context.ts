import { AuditModule } from '@billing/audit';
import { ClockModule, ConfigModule, DatabaseModule, loadConfig } from '@billing/core';
import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createTestDatabase } from './test-postgres';

/** Domain modules with the platform's config, database, clock (test mode) and buses, on a fresh database: integration tests. */
export async function startTestContext(
  imports: (Type<unknown> | DynamicModule)[],
): Promise<{ app: INestApplicationContext; dataSource: DataSource; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, BILLING_CLOCK: 'test' });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule, ClockModule, CqrsModule.forRoot(), AuditModule, ...imports],
  }).compile();
  const app = await moduleRef.init();
  return {
    app,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
