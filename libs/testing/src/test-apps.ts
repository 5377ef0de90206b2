import { AppConfig, loadConfig } from '@billing/core';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register } from 'prom-client';
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
  close(): Promise<void>;
}

/**
 * The real api (and, on demand, the real scheduler) in this process, on a database of its own. The
 * environment's REDIS_URL, when set, puts the queues on Redis under a prefix of their own.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const config = loadConfig({
    BILLING_CLOCK: 'test',
    LOG_LEVEL: 'silent',
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
