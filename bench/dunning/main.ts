import 'reflect-metadata';
import { QUEUES } from '@billing/core';
import { seedCards, seedDueSubscriptions } from '@billing/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  argument,
  callApi,
  moveClock,
  startBenchApi,
  startBenchScheduler,
  stopBenchScheduler,
  timed,
  withBenchDatabase,
} from '../support/bench-platform';

const POLICY = {
  retry_schedule_days: [1, 3],
  steps: [
    { after_days: 5, action: 'notify' },
    { after_days: 10, action: 'block' },
    { after_days: 20, action: 'cancel' },
  ],
};

/**
 * `npm run bench:dunning [-- --accounts 10000]`: N accounts, each with a monthly subscription and a default card
 * that declines (the sandbox's `pm_card_chargeDeclined`), billed at `start` (every first charge fails). Then the
 * clock moves an operator waits for, with the real api (in this process) and the real scheduler (a process):
 * to due+1, which retries every invoice, and to due+10, which blocks every account (subscriptions paused with
 * their unused days credited, the credit invoiced and applied). Each figure is accounts per second of
 * `POST /v1/test/clock`, which answers once every job and event is done, beside a ceiling measured in the same
 * run: plain set-based statements writing the same rows (attempts and their events; account states,
 * subscriptions and their events) into copies of the tables.
 */
async function main() {
  const accounts = Number(argument('--accounts') ?? 10_000);
  await withBenchDatabase(async (config) => {
    const api = await startBenchApi(config);
    const dataSource = api.get(DataSource);
    const scheduler = startBenchScheduler(config);
    try {
      const start = new Date(Date.UTC(2027, 0, 1));
      const day = (n: number) => new Date(start.getTime() + n * 86_400_000);
      await seedDueSubscriptions(dataSource, accounts, start, 'dun');
      await seedCards(dataSource, accounts, start, 'dun', 'pm_card_chargeDeclined');
      await callApi(api, 'PUT', '/v1/dunning-policy', POLICY);
      await dataSource.query('ANALYZE');
      await moveClock(api, day(-1));
      const billed = await timed(() => moveClock(api, start));
      let since = Date.now();
      const retried = await timed(() => moveClock(api, day(1)));
      const retriedBreakdown = await breakdown(api, since);
      const attempts = await count(dataSource, `SELECT count(*) FROM payments WHERE attempt = 2 AND status = 'failed'`);
      await moveClock(api, day(3));
      await moveClock(api, day(5));
      since = Date.now();
      const blocked = await timed(() => moveClock(api, day(10)));
      const blockedBreakdown = await breakdown(api, since);
      const blockedAccounts = await count(dataSource, `SELECT count(*) FROM accounts WHERE overdue_state = 'blocked'`);
      const paused = await count(dataSource, `SELECT count(*) FROM subscriptions WHERE status = 'paused' AND paused_by_dunning`);
      const ceiling = await ceilings(dataSource);
      const line = (what: string, seconds: number, ceilingSeconds: number) =>
        `  ${what.padEnd(34)} ${accounts} accounts in ${seconds.toFixed(2)} s = ${(accounts / seconds).toFixed(0)} accounts/s ` +
        `(ceiling ${(accounts / ceilingSeconds).toFixed(0)}/s: ${((ceilingSeconds / seconds) * 100).toFixed(0)}% of it)`;
      process.stdout.write(
        [
          '',
          `dunning, ${accounts} accounts, queues on ${config.redisUrl ? 'Redis' : 'PostgreSQL'} (POST /v1/test/clock until all work is done):`,
          `  first invoices, every charge declined: ${billed.toFixed(2)} s`,
          line('due+1: every invoice retried', retried, ceiling.retry),
          `${' '.repeat(37)}${retriedBreakdown}`,
          line('due+10: every account blocked', blocked, ceiling.block),
          `${' '.repeat(37)}${blockedBreakdown}`,
          `  check: ${attempts} second attempts failed, ${blockedAccounts} accounts blocked, ${paused} subscriptions paused by dunning`,
          '',
        ].join('\n'),
      );
      if (attempts !== accounts || blockedAccounts !== accounts || paused !== accounts)
        throw new Error('the clock moves did not do all the work');
    } finally {
      await stopBenchScheduler(scheduler);
      await api.close();
    }
  });
}

/**
 * What the same writes cost as plain set-based statements on copies of the tables: a retry is an attempt row
 * written pending then failed and its event; a block is an account's state, its subscription paused, a
 * proration credit and three events (state change, subscription paused, credit invoice).
 */
async function ceilings(dataSource: DataSource): Promise<{ retry: number; block: number }> {
  await dataSource.query(`CREATE TEMP TABLE ceiling_payments (LIKE payments); CREATE TEMP TABLE ceiling_events (LIKE events INCLUDING DEFAULTS);
    CREATE TEMP TABLE ceiling_accounts AS SELECT * FROM accounts; CREATE TEMP TABLE ceiling_subscriptions AS SELECT * FROM subscriptions;
    CREATE TEMP TABLE ceiling_billing_events (LIKE billing_events)`);
  const retry = await timed(() =>
    dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO ceiling_payments SELECT id || '_c', invoice_id, account_id, amount, currency, 'pending', provider,
        payment_method_id, provider_payment_id, failure_code, failure_message, attempt + 10, refunded_amount, created_at, updated_at
        FROM payments WHERE attempt = 1`);
      await manager.query(`UPDATE ceiling_payments SET status = 'failed', failure_code = 'card_declined', updated_at = now()`);
      await manager.query(`INSERT INTO ceiling_events (id, type, resource_type, resource_id, data, created_at)
        SELECT 'evc_' || id, 'payment.failed', 'payment', id, to_jsonb(ceiling_payments), now() FROM ceiling_payments`);
    }),
  );
  const block = await timed(() =>
    dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE ceiling_accounts SET overdue_state = 'blocked', updated_at = now()`);
      await manager.query(`UPDATE ceiling_subscriptions SET status = 'paused', paused_at = now(), paused_by_dunning = true`);
      await manager.query(`INSERT INTO ceiling_billing_events (id, subscription_id, account_id, type, effective_at, period_start, period_end,
          plan_id, plan_code, quantity, unit_amount, currency, amount, epoch, created_at)
        SELECT 'bec_' || id, subscription_id, account_id, 'proration_credit', effective_at, period_start, period_end, plan_id, plan_code,
          quantity, unit_amount, currency, -amount, epoch, created_at FROM billing_events`);
      await manager.query(`INSERT INTO ceiling_events (id, type, resource_type, resource_id, data, created_at)
        SELECT 'evb_' || n || '_' || id, 'account.overdue_state_changed', 'account', id, to_jsonb(ceiling_accounts), now()
          FROM ceiling_accounts, generate_series(1, 3) AS n`);
    }),
  );
  return { retry, block };
}

/** Seconds from `since` (wall clock, ms) to the end of the last dunning job, and to the last event delivered. */
async function breakdown(api: NestFastifyApplication, since: number): Promise<string> {
  const jobs = await api.get<Queue>(getQueueToken(QUEUES.scheduledTasks)).getJobs(['completed'], 0, 100);
  const dunning = jobs.filter((job) => job.name === 'dunning' && (job.finishedOn ?? 0) >= since);
  const took = dunning.map((job) => ((job.finishedOn ?? 0) - (job.processedOn ?? 0)) / 1000);
  const [{ delivered }]: { delivered: Date }[] = await api.get(DataSource).query('SELECT max(delivered_at) AS delivered FROM events');
  return (
    `dunning task ${took.map((seconds) => seconds.toFixed(2)).join(' + ')} s, ` +
    `last event delivered at ${((delivered.getTime() - since) / 1000).toFixed(2)} s`
  );
}

async function count(dataSource: DataSource, sql: string): Promise<number> {
  return Number((await dataSource.query(sql))[0].count);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
