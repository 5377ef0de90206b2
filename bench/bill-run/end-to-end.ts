import { AppConfig, QUEUES } from '@billing/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { seedCards, seedDueSubscriptions } from '@billing/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { moveClock, startBenchApi, startBenchScheduler, stopBenchScheduler } from '../support/bench-platform';
import { EventFlood, eventFlood } from './event-flood';

const FLOOD_EVENTS = 50_000;

export interface ClockMove {
  what: string;
  seconds: number;
  invoices: number;
  events: number;
  /** Payments that succeeded (with `--charge`: every invoice is charged through the sandbox). */
  charges: number;
  /** Seconds from the clock move until: the billing-cycle job finished, the last event relayed, delivered. */
  billRunDone: number;
  lastRelayed: number;
  lastDelivered: number;
}

/**
 * `--end-to-end`: what an operator waits for. The real api (in this process) and the real scheduler (a process
 * of its own, as `npm start` runs it) on the bench's database; N monthly subscriptions due at `start`. Each
 * `POST /v1/test/clock` answers once the ticker ran for the new instant, every job finished and every event
 * the run raised (renewals, invoices) was delivered to its subscribers: the time it takes is the figure.
 */
export async function endToEnd(
  config: AppConfig,
  subscriptions: number,
  start: Date,
  charge: boolean,
): Promise<{ moves: ClockMove[]; flood: EventFlood }> {
  const api = await startBenchApi(config);
  const dataSource = api.get(DataSource);
  const scheduler = startBenchScheduler(config);
  try {
    const seeded = await seedDueSubscriptions(dataSource, subscriptions, start, 'e2e');
    if (charge) await seedCards(dataSource, subscriptions, start, 'e2e', 'pm_card_visa');
    await dataSource.query('ANALYZE');
    // The scheduler has started and ticked once the clock settles on an instant before anything is due.
    await moveClock(api, new Date(start.getTime() - 86_400_000));
    const moves: ClockMove[] = [];
    const renewal = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()));
    for (const [what, to] of [
      ['first invoices', start],
      ['renewals', renewal],
    ] as const) {
      const before = await counts(dataSource);
      const startedAt = Date.now();
      const started = performance.now();
      await moveClock(api, to);
      const seconds = (performance.now() - started) / 1000;
      const after = await counts(dataSource);
      if (after.undelivered > 0) throw new Error(`${after.undelivered} events still undelivered after the clock move`);
      const since = (at: number) => Math.max(0, (at - startedAt) / 1000);
      const [pipeline]: { relayed: Date; delivered: Date }[] = await dataSource.query(
        `SELECT max(relayed_at) AS relayed, max(delivered_at) AS delivered FROM events WHERE seq > $1`,
        [before.lastSeq],
      );
      moves.push({
        what,
        seconds,
        invoices: after.invoices - before.invoices,
        events: after.events - before.events,
        charges: after.charges - before.charges,
        billRunDone: since(await billingCycleFinishedAt(api)),
        lastRelayed: since(pipeline.relayed.getTime()),
        lastDelivered: since(pipeline.delivered.getTime()),
      });
    }
    return { moves, flood: await eventFlood(api, seeded.subscriptionIds, FLOOD_EVENTS) };
  } finally {
    await stopBenchScheduler(scheduler);
    await api.close();
  }
}

async function counts(
  dataSource: DataSource,
): Promise<{ invoices: number; events: number; charges: number; undelivered: number; lastSeq: string }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM invoices)::int AS invoices, (SELECT count(*) FROM events)::int AS events,
            (SELECT count(*) FROM payments WHERE status = 'succeeded')::int AS charges,
            (SELECT count(*) FROM events WHERE delivered_at IS NULL)::int AS undelivered,
            (SELECT coalesce(max(seq), 0) FROM events)::text AS "lastSeq"`,
  );
  return row;
}

/** When the last billing-cycle job (renewals, then the bill run) finished, in wall-clock ms. */
async function billingCycleFinishedAt(api: NestFastifyApplication): Promise<number> {
  const jobs = await api.get<Queue>(getQueueToken(QUEUES.scheduledTasks)).getJobs(['completed'], 0, 50);
  return Math.max(...jobs.filter((job) => job.name === 'billing-cycle').map((job) => job.finishedOn ?? 0));
}
