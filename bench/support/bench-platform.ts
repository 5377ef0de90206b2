import { AppConfig, loadConfig } from '@billing/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrate } from '../../migrations';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { createApiApp } from '../../apps/api/src/bootstrap';

/** The super_admin key of a bench's api. */
export const BENCH_KEY = 'bk_bench_end_to_end_0123456789abcdefghijkl';

/**
 * A migrated embedded PostgreSQL in a temporary folder for the length of `run`, with the configuration of a
 * test-clock deployment on it (queues on Redis when REDIS_URL is set, each run with queues of its own).
 */
export async function withBenchDatabase<T>(run: (config: AppConfig) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres(join(directory, 'pg'), await freePort(), 'bench');
  try {
    await migrate(server.url);
    return await run(
      loadConfig({
        DATABASE_URL: server.url,
        BILLING_CLOCK: 'test',
        LOG_LEVEL: 'silent',
        REDIS_URL: process.env.REDIS_URL,
        // A Redis keeps completed jobs (and so their jobIds) across runs: each run has queues of its own.
        QUEUE_PREFIX: `bench-${Date.now()}`,
      }),
    );
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The real api in this process, its routes called without a socket (`inject`). */
export async function startBenchApi(config: AppConfig): Promise<NestFastifyApplication> {
  const api = await createApiApp({ ...config, bootstrapApiKey: BENCH_KEY });
  await api.init();
  await api.getHttpAdapter().getInstance().ready();
  return api;
}

/** The real scheduler as a process of its own, as `npm start` runs it. */
export function startBenchScheduler(config: AppConfig): ChildProcess {
  // BENCH_CPU_PROF_DIR=<dir>: the scheduler writes a CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  return spawn(process.execPath, [...profile, '-r', '@swc-node/register', resolve(__dirname, '../../apps/scheduler/src/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl ?? '',
      QUEUE_PREFIX: config.queuePrefix,
      SCHEDULER_PORT: '0',
      BILLING_CLOCK: 'test',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stopBenchScheduler(scheduler: ChildProcess): Promise<void> {
  scheduler.kill('SIGTERM');
  await new Promise((done) => scheduler.once('exit', done));
}

/** A request to the bench's api as its super_admin; throws unless it answers 2xx. */
export async function callApi(api: NestFastifyApplication, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<unknown> {
  const response = await api
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

/** `POST /v1/test/clock`: answers once every piece of work due by `to` is done. */
export async function moveClock(api: NestFastifyApplication, to: Date): Promise<void> {
  await callApi(api, 'POST', '/v1/test/clock', { now: to.toISOString(), timeout_seconds: 600 });
}

/** Seconds `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}
