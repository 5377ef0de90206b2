import { hashApiKeySecret } from '@billing/auth';
import { AppConfig, loadConfig } from '@billing/core';
import { Role } from '@billing/kernel';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../../apps/api/src/bootstrap';
import { createSchedulerApp } from '../../../apps/scheduler/src/bootstrap';
import { createTestDatabase } from './test-postgres';

export const TEST_BOOTSTRAP_KEY = 'bk_test_bootstrap_key_0123456789abcdefghij';

export interface TestPlatform {
  config: AppConfig;
  api: NestFastifyApplication;
  /** The api's HTTP server, for supertest. */
  http: NestFastifyApplication['getHttpServer'] extends () => infer S ? S : never;
  startScheduler(): Promise<INestApplicationContext>;
  /** An Authorization header for a new API key of `role`, stored directly (no super_admin call involved). */
  keyFor(role: Role): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

/**
 * The real api (and, on demand, the real scheduler) in this process, on a database of its own: a clone of the
 * migrated template, or `env.DATABASE_URL` as it is (a migrated database the caller owns, never dropped). The
 * environment's REDIS_URL, when set, puts the queues on Redis under a prefix of their own.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    BILLING_CLOCK: 'test',
    LOG_LEVEL: 'silent',
    SCHEDULER_PORT: '0', // the scheduler's operations server on a port of its own
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `test-${database.url.split('/').pop()}`,
    ...env,
    DATABASE_URL: database.url,
    BILLING_BOOTSTRAP_API_KEY: env.BILLING_BOOTSTRAP_API_KEY ?? TEST_BOOTSTRAP_KEY,
  });
  // Metrics live in prom-client's process-wide registry; a test file may start more than one api.
  register.clear();
  const api = await createApiApp(config);
  await api.init();
  await api.getHttpAdapter().getInstance().ready();
  const schedulers: INestApplicationContext[] = [];
  return {
    config,
    api,
    http: api.getHttpServer(),
    async keyFor(role: Role) {
      const secret = `bk_test_${role}_${Math.random().toString(36).slice(2)}_${'x'.repeat(24)}`;
      await api
        .get(DataSource)
        .query(`INSERT INTO api_keys (id, name, role, prefix, secret_hash) VALUES ($1, $2, $2, $3, $4)`, [
          `key_test_${Math.random().toString(36).slice(2)}`,
          role,
          secret.slice(0, 10),
          hashApiKeySecret(secret),
        ]);
      return { Authorization: `Bearer ${secret}` };
    },
    async startScheduler() {
      const scheduler = await createSchedulerApp(config);
      schedulers.push(scheduler);
      return scheduler;
    },
    async close() {
      for (const scheduler of schedulers) await scheduler.close();
      await api.close();
      await database.drop();
    },
  };
}
