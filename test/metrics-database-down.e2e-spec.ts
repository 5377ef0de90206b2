import { startTestPlatform, TestPlatform } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { OperationsServer } from '../apps/scheduler/src/health/operations-server';
import { OwnPostgres, startOwnPostgres } from './support/own-postgres';
import { sample } from './support/prometheus-text';

/** The stall ends by then whatever the requests do, so that one hanging through it fails the test. */
const STALL_MS = 12_000;

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  at: number;
}

/**
 * PostgreSQL stops answering (SIGSTOP, on a server of this file's own): both processes' /metrics still answer
 * at once, from the values the background refresh left, and both readinesses answer 503 naming the database.
 */
describe('Operations endpoints while PostgreSQL does not answer', () => {
  let postgres: OwnPostgres;
  let platform: TestPlatform;
  let scheduler: INestApplicationContext;

  beforeAll(async () => {
    postgres = await startOwnPostgres('metrics-down');
    platform = await startTestPlatform({ DATABASE_URL: postgres.url });
    scheduler = await platform.startScheduler();
  });

  afterAll(async () => {
    await platform?.close();
    await postgres?.stop();
  });

  const schedulerUrl = () => `http://127.0.0.1:${scheduler.get(OperationsServer).port}`;
  const fromScheduler = async (path: string): Promise<Answer> => {
    const response = await fetch(`${schedulerUrl()}${path}`);
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text(), at: Date.now() };
  };
  const fromApi = async (path: string): Promise<Answer> => {
    const response = await request(platform.http).get(path);
    return { status: response.status, contentType: response.headers['content-type'], text: response.text, at: Date.now() };
  };

  it('serves /metrics and answers readiness 503 naming the database, then recovers', async () => {
    // The database-backed gauges have been read once.
    for (let metrics = ''; sample(metrics, 'metrics_refreshed_timestamp_seconds', { source: 'backlog' }) === undefined;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      metrics = (await fromApi('/metrics')).text;
    }

    const stall = postgres.stall();
    const stallOver = setTimeout(() => stall.resume(), STALL_MS);
    let answers: Answer[];
    try {
      answers = await Promise.all([
        fromApi('/metrics'),
        fromScheduler('/metrics'),
        fromApi('/health/ready'),
        fromScheduler('/health/ready'),
      ]);
    } finally {
      clearTimeout(stallOver);
      stall.resume();
    }
    const [apiMetrics, schedulerMetrics, apiReady, schedulerReady] = answers;

    for (const answer of answers) expect(answer.at).toBeLessThan(stall.resumedAt);
    expect(apiMetrics.status).toBe(200);
    expect(sample(apiMetrics.text, 'invoices_generated_total')).toBe(0);
    expect(sample(apiMetrics.text, 'outbox_oldest_unrelayed_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(schedulerMetrics.status).toBe(200);
    expect(schedulerMetrics.text).toContain('# TYPE bill_run_duration_seconds histogram');

    for (const ready of [apiReady, schedulerReady]) {
      expect(ready.status).toBe(503);
      expect(ready.contentType).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(ready.text);
      expect(body.detail).toMatch(/^Not ready, down: .*database/);
      expect(body.details.database.status).toBe('down');
    }

    // Both come back by themselves once PostgreSQL answers.
    const deadline = Date.now() + 30_000;
    let readiness = [apiReady.status, schedulerReady.status];
    while (readiness.some((status) => status !== 200) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      readiness = [(await fromApi('/health/ready')).status, (await fromScheduler('/health/ready')).status];
    }
    expect(readiness).toEqual([200, 200]);
  });
});
