import { DataSource } from 'typeorm';
import { createTestDatabase } from './test-postgres';

/** A plain TypeORM connection to a fresh migrated database, for integration tests below the HTTP layer. */
export async function createTestDataSource(): Promise<{ dataSource: DataSource; url: string; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const dataSource = new DataSource({ type: 'postgres', url: database.url });
  await dataSource.initialize();
  return {
    dataSource,
    url: database.url,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
