import { createTestDatabase } from '@billing/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from './postgres-errors';
import { poolOptions } from './session-limits';

const STATEMENT_MS = 300;

describe(poolOptions.name, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      extra: poolOptions({ connectMs: 2000, statementMs: STATEMENT_MS, lockMs: 200 }),
    });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE probe (n int)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const failure = (work: Promise<unknown>): Promise<unknown> =>
    work.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );

  it('has the server cancel a slow statement (57014), and the connection goes on serving', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const error = await failure(runner.query('SELECT pg_sleep(5)'));
      expect(error).toMatchObject({ driverError: { code: '57014' } });
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(await runner.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await runner.release();
    }
  });

  it('gives up waiting for a lock (55P03)', async () => {
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(7)');
      const error = await failure(dataSource.query('SELECT pg_advisory_lock(7)'));
      expect(error).toMatchObject({ driverError: { code: '55P03' } });
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await holder.end();
    }
  });

  it('closes a connection whose answer did not come in time, so nothing runs behind it or after it', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      // A statement the server does not cancel stands for a server that does not answer.
      await runner.query('SET statement_timeout = 0');
      const timedOut = await failure(runner.query('SELECT pg_sleep(3)'));
      expect(timedOut).toMatchObject({ message: 'Query read timeout' });
      // Queued behind the sleep, this would have timed out too; on the closed connection it fails at once.
      const next = await failure(runner.query('SELECT 1'));
      expect((next as Error).message).toMatch(/^(Connection terminated|Client was closed)/);
      expect(isDatabaseUnavailable(timedOut) && isDatabaseUnavailable(next)).toBe(true);
    } finally {
      await runner.release();
    }
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('never leaves an abandoned transaction open in a pooled session', async () => {
    const started = Date.now();
    // Longer than the client waits for the INSERT and then for the ROLLBACK queued behind it.
    const insert = dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL statement_timeout = 0');
      await manager.query('INSERT INTO probe (n) SELECT 1 FROM pg_sleep(3)');
    });
    expect(await failure(insert)).toMatchObject({ message: 'Query read timeout' });
    // Once the server has run the INSERT, a connection still pooled would hold it, uncommitted, for its next user.
    await new Promise((resolve) => setTimeout(resolve, started + 3500 - Date.now()));
    expect(await dataSource.query('SELECT count(*)::int AS rows FROM probe')).toEqual([{ rows: 0 }]);
    const idle = await dataSource.query(`SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE state = 'idle in transaction'`);
    expect(idle).toEqual([{ sessions: 0 }]);
  });
});
