import { seedDueSubscriptions, startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { QUEUES } from '@billing/core';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OperationsServer } from '../apps/scheduler/src/health/operations-server';
import { sample } from './support/prometheus-text';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

/**
 * The operations endpoints of both processes. The api and the scheduler run in this process and so share
 * prom-client's registry: each metric is looked for on the /metrics of the process that owns it in production.
 */
describe('Operations endpoints', () => {
  let platform: TestPlatform;
  let scheduler: INestApplicationContext;
  let schedulerUrl: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  // First, while no scheduler runs: nothing relays the outbox.
  it('the outbox lag shows the age of the oldest event the relay has not moved', async () => {
    await platform.api
      .get(DataSource)
      .query(
        `INSERT INTO events (id, type, resource_type, resource_id, data, created_at) VALUES ('evt_ops_lag', 'ops.probe', 'probe', 'p', '{}', now() - interval '90 seconds')`,
      );
    const text = await waitForMetrics(apiMetrics, (body) => (sample(body, 'outbox_oldest_unrelayed_age_seconds') ?? 0) >= 90);
    expect(sample(text, 'outbox_oldest_unrelayed_age_seconds')).toBeLessThan(120);
  });

  it("the queue's oldest waiting job shows its age", async () => {
    const queue = platform.api.get<Queue>(getQueueToken(QUEUES.domainEvents));
    const job = await queue.add('ops.probe', {}, { jobId: 'ops-probe', timestamp: Date.now() - 30_000 });
    try {
      const text = await waitForMetrics(
        apiMetrics,
        (body) => (sample(body, 'queue_oldest_job_age_seconds', { queue: QUEUES.domainEvents }) ?? 0) >= 30,
      );
      expect(sample(text, 'queue_oldest_job_age_seconds', { queue: QUEUES.domainEvents })).toBeLessThan(60);
      expect(sample(text, 'queue_jobs', { queue: QUEUES.domainEvents, state: 'waiting' })).toBe(1);
    } finally {
      await job.remove(); // before a worker exists to fail on it
    }
  });

  it('the scheduler starts, on an ephemeral port for SCHEDULER_PORT=0', async () => {
    scheduler = await platform.startScheduler();
    schedulerUrl = `http://127.0.0.1:${scheduler.get(OperationsServer).port}`;
    expect(platform.config.schedulerPort).toBe(0);
    expect(scheduler.get(OperationsServer).port).toBeGreaterThan(0);
  });

  const schedulerGet = (path: string) => fetch(`${schedulerUrl}${path}`);
  const apiMetrics = async () => (await request(platform.http).get('/metrics')).text;
  const schedulerMetrics = async () => (await schedulerGet('/metrics')).text();

  it('the scheduler answers liveness without touching anything, and readiness naming each check', async () => {
    const live = await schedulerGet('/health');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', info: {}, error: {}, details: {} });

    const ready = await schedulerGet('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, queue: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, queue: { status: 'up' } },
    });
  });

  it("the api's readiness names each check and its state too", async () => {
    const ready = await request(platform.http).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' }, queue: { status: 'up' } });
  });

  it('the scheduler answers other paths 404 and other methods 405, as problems', async () => {
    const missing = await schedulerGet('/v1/accounts');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const post = await fetch(`${schedulerUrl}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it("the api's /metrics has the contract's metrics, the payment ones declared at 0", async () => {
    await request(platform.http).get('/v1/accounts/acct_missing').set(auth); // one error answer
    const text = await apiMetrics();
    expect(text).toContain('# TYPE api_request_duration_seconds histogram');
    expect(sample(text, 'api_errors_total', { code: 'not_found', status: '404' })).toBe(1);
    expect(text).toContain('# TYPE invoices_generated_total counter');
    expect(sample(text, 'payments_attempted_total', { status: 'succeeded' })).toBe(0);
    expect(sample(text, 'payments_attempted_total', { status: 'failed' })).toBe(0);
    expect(text).toContain('# TYPE mrr_dollars gauge'); // by currency, once the analytics computed a day
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
  });

  it("the api's /metrics has the backlog: jobs per queue and state, the oldest job's age, the outbox lag", async () => {
    const text = await waitForMetrics(
      apiMetrics,
      (body) => sample(body, 'metrics_refreshed_timestamp_seconds', { source: 'backlog' }) !== undefined,
    );
    for (const queue of ['domain-events', 'scheduled-tasks']) {
      for (const state of ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed']) {
        expect(sample(text, 'queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
      }
      expect(sample(text, 'queue_oldest_job_age_seconds', { queue })).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'outbox_oldest_unrelayed_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it("the scheduler's /metrics declares its failure counters at 0 and observes the bill run", async () => {
    const before = await schedulerMetrics();
    expect(sample(before, 'job_failures_total', { queue: 'domain-events' })).toBe(0);
    expect(sample(before, 'job_failures_total', { queue: 'scheduled-tasks' })).toBe(0);
    expect(sample(before, 'renewal_failures_total')).toBe(0);
    expect(sample(before, 'bill_run_failures_total')).toBe(0);
    expect(before).toContain('# TYPE bill_run_duration_seconds histogram');
    expect(before).toContain('# TYPE process_cpu_user_seconds_total counter');
    const invoicesBefore = sample(before, 'bill_run_invoices_sum') ?? 0;

    const now = new Date((await request(platform.http).get('/v1/test/clock').set(auth)).body.now);
    await seedDueSubscriptions(platform.api.get(DataSource), 3, now, 'ops');
    const moved = await request(platform.http)
      .post('/v1/test/clock')
      .set(auth)
      .send({ now: new Date(now.getTime() + 60_000).toISOString(), timeout_seconds: 60 });
    expect(moved.status).toBe(200);

    const after = await schedulerMetrics();
    expect(sample(after, 'bill_run_invoices_sum')).toBe(invoicesBefore + 3);
    expect(sample(after, 'bill_run_duration_seconds_count', { outcome: 'success' })).toBeGreaterThan(0);
    // The api reads the issued count from the database in the background, within 10 s.
    const api = await waitForMetrics(apiMetrics, (body) => sample(body, 'invoices_generated_total') === 3);
    expect(sample(api, 'invoices_generated_total')).toBe(3);
  });
});

/** Polls `read` until `done` holds (the background refresh runs every 10 s), for at most 15 s. */
async function waitForMetrics(read: () => Promise<string>, done: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = await read();
    if (done(text)) return text;
    if (Date.now() > deadline) throw new Error(`metrics not as expected within 15 s:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
