import 'reflect-metadata';
import { AuditModule } from '@billing/audit';
import { ClockModule, ConfigModule, DatabaseModule, loadConfig } from '@billing/core';
import { newId } from '@billing/kernel';
import { BillRun, InvoicingModule, sellerOf } from '@billing/invoicing';
import { SubscriptionRenewals } from '@billing/subscriptions';
import { seedDueSubscriptions } from '@billing/testing';
import { StoredUsageEvent, UsageEventStore, UsagePartitions } from '@billing/usage';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrate } from '../../migrations';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { argument, freePort } from '../support/bench-platform';
import { endToEnd } from './end-to-end';

/**
 * `npm run bench:bill-run [-- --subscriptions 100000]`: N monthly subscriptions due at once, billed by the
 * real bill run (chunks claimed, computed in memory, written set-based), against the speed of a plain
 * multi-row insert of the same invoice and line rows into copies of the same tables, in the same run.
 * `--metered` gives the plan a usage charge (a `count` metric, per unit) and every subscription a few events
 * in its first period, so that the renewal run also rates usage for every subscription.
 * `--end-to-end` measures instead the clock moves an operator waits for: see ./end-to-end.ts; with `--charge`
 * every account has a default card (the sandbox's `pm_card_visa`), so every invoice is also charged.
 */
async function main() {
  const subscriptions = Number(argument('--subscriptions') ?? 10_000);
  const metered = process.argv.includes('--metered');
  const wholePipeline = process.argv.includes('--end-to-end');
  const directory = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres(join(directory, 'pg'), await freePort(), 'bench');
  try {
    await migrate(server.url);
    const config = loadConfig({
      DATABASE_URL: server.url,
      BILLING_CLOCK: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: process.env.REDIS_URL,
      // A Redis keeps completed jobs (and so their jobIds) across runs: each run has queues of its own.
      QUEUE_PREFIX: `bench-${Date.now()}`,
    });
    const now = new Date(Date.UTC(2027, 0, 1));
    if (wholePipeline) {
      const baseline = await plainInsert(server.url, subscriptions, now);
      const baselineRate = (subscriptions / baseline) * 1000;
      const { moves, flood } = await endToEnd(config, subscriptions, now, process.argv.includes('--charge'));
      const queue = config.redisUrl ? 'Redis' : 'PostgreSQL';
      process.stdout.write(
        [
          '',
          `end to end, ${subscriptions} subscriptions, queues on ${queue} (POST /v1/test/clock until every event is delivered):`,
          ...moves.map(
            (move) =>
              `  ${move.what.padEnd(15)} ${move.invoices} invoices, ${move.events} events in ${move.seconds.toFixed(2)} s = ` +
              `${(move.invoices / move.seconds).toFixed(0)} invoices/s, ${(move.events / move.seconds).toFixed(0)} events/s` +
              ` (${((move.invoices / move.seconds / baselineRate) * 100).toFixed(0)}% of the plain insert)` +
              (move.charges > 0 ? `, ${move.charges} charged = ${(move.charges / move.seconds).toFixed(0)} charges/s` : '') +
              '\n' +
              `${' '.repeat(18)}renewals and bill run done at ${move.billRunDone.toFixed(2)} s, last event relayed at ` +
              `${move.lastRelayed.toFixed(2)} s, delivered at ${move.lastDelivered.toFixed(2)} s`,
          ),
          `  plain insert:   ${subscriptions} invoices + lines in ${(baseline / 1000).toFixed(2)} s = ${baselineRate.toFixed(0)} invoices/s`,
          `  event pipeline: ${flood.events} subscription.updated events to the invoicing saga in ${flood.throughQueue.toFixed(2)} s = ` +
            `${(flood.events / flood.throughQueue).toFixed(0)} events/s through the queue; read straight from the outbox ` +
            `${(flood.events / flood.direct).toFixed(0)} events/s (${((flood.direct / flood.throughQueue) * 100).toFixed(0)}%)`,
          '',
        ].join('\n'),
      );
      return;
    }
    const app = await NestFactory.createApplicationContext(
      {
        module: class BenchModule {},
        imports: [ConfigModule.forRoot(config), DatabaseModule, ClockModule, CqrsModule.forRoot(), AuditModule, InvoicingModule],
      },
      { logger: false, abortOnError: false },
    );
    const dataSource = app.get(DataSource);

    const seeding = performance.now();
    const seeded = await seedDueSubscriptions(dataSource, subscriptions, now, 'bench');
    if (metered) await seedUsage(dataSource, seeded.planId, seeded.subscriptionIds, now);
    await dataSource.query('ANALYZE');
    report(`seeded ${subscriptions} due subscriptions${metered ? ' with usage' : ''}`, performance.now() - seeding);

    const baseline = await plainInsert(server.url, subscriptions, now);
    const run = performance.now();
    const invoices = await app.get(BillRun).runDue(now, { seller: sellerOf(config) });
    const elapsed = performance.now() - run;

    // A month later the subscriptions renew (one UPDATE … FROM unnest per chunk of 200), then are invoiced.
    const end = new Date(Date.UTC(2027, 1, 1));
    const renewing = performance.now();
    await app.get(SubscriptionRenewals).advanceDue(end);
    const renewingElapsed = performance.now() - renewing;
    const renewal = performance.now();
    const renewed = await app.get(BillRun).runDue(end, { seller: sellerOf(config) });
    const renewalElapsed = performance.now() - renewal;

    const [check] = await dataSource.query(
      `SELECT count(*)::int AS invoices, count(DISTINCT subscription_id)::int AS subscriptions,
              max(substr(number, 5)::int) AS last_number, count(*) FILTER (WHERE period_start = '2027-02-01')::int AS renewals, (SELECT count(*)::int FROM billing_events WHERE billed_at IS NULL) AS unbilled,
              (SELECT count(*)::int FROM invoice_lines WHERE type = 'usage') AS usage_lines, (SELECT count(*)::int FROM usage_billed) AS usage_billed
         FROM invoices`,
    );
    const rate = (invoices.length / elapsed) * 1000;
    const baselineRate = (subscriptions / baseline) * 1000;
    process.stdout.write(
      [
        '',
        `bill run:       ${invoices.length} invoices in ${(elapsed / 1000).toFixed(2)} s = ${rate.toFixed(0)} invoices/s`,
        `plain insert:   ${subscriptions} invoices + lines in ${(baseline / 1000).toFixed(2)} s = ${baselineRate.toFixed(0)} invoices/s`,
        `bill run speed: ${((rate / baselineRate) * 100).toFixed(0)}% of the plain insert`,
        `renewals:       ${subscriptions} subscriptions advanced in ${(renewingElapsed / 1000).toFixed(2)} s = ${((subscriptions / renewingElapsed) * 1000).toFixed(0)}/s (saveMany: one UPDATE per chunk)`,
        `renewal run:    ${renewed.length} invoices in ${(renewalElapsed / 1000).toFixed(2)} s = ${((renewed.length / renewalElapsed) * 1000).toFixed(0)} invoices/s (usage windows looked up)`,
        `usage lines:    ${check.usage_lines} (${check.usage_billed} usage_billed rows)`,
        `check:          ${check.invoices} invoices (${check.renewals} renewals) for ${check.subscriptions} subscriptions, numbers 1..${check.last_number}, ${check.unbilled} unbilled events`,
        '',
      ].join('\n'),
    );
    await app.close();
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

const EVENTS_PER_SUBSCRIPTION = 5;

/** A `count` metric charged per unit by the plan, and a few events per subscription in the month from `start`. */
async function seedUsage(dataSource: DataSource, planId: string, subscriptionIds: readonly string[], start: Date): Promise<void> {
  await dataSource.query(
    `INSERT INTO metrics (id, code, name, aggregation, field, created_at) VALUES ('met_bench', 'api_calls', 'API calls', 'count', NULL, $1)`,
    [start],
  );
  await dataSource.query(
    `INSERT INTO plan_charges (id, plan_id, position, metric_id, model, prices) VALUES ('pc_bench', $1, 0, 'met_bench', 'per_unit', $2)`,
    [planId, JSON.stringify([{ currency: 'USD', unit_amount: '3' }])],
  );
  const store = new UsageEventStore(dataSource);
  await new UsagePartitions(dataSource).ensureFor([start]);
  const events: StoredUsageEvent[] = subscriptionIds.flatMap((subscriptionId, n) =>
    Array.from({ length: EVENTS_PER_SUBSCRIPTION }, (_, index) => ({
      id: `evt_bench_${n}_${index}`,
      subscriptionId,
      metricCode: 'api_calls',
      // Spread over the month, off the hour: some whole hours from the rollups, nothing at the edges.
      occurredAt: new Date(start.getTime() + ((n * 7 + index * 131) % 700) * 3_600_000 + index * 61_000),
      value: null,
      distinctValue: null,
      properties: null,
    })),
  );
  for (let offset = 0; offset < events.length; offset += 1000) await store.insert(events.slice(offset, offset + 1000), start);
}

/** The same rows the bill run writes (an invoice and a line per subscription), inserted as plain multi-row VALUES. */
async function plainInsert(url: string, count: number, now: Date): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    `CREATE TABLE bench_invoices (LIKE invoices INCLUDING ALL); CREATE TABLE bench_lines (LIKE invoice_lines INCLUDING ALL)`,
  );
  const started = performance.now();
  for (let offset = 0; offset < count; offset += 300) {
    const rows = Array.from({ length: Math.min(300, count - offset) }, (_, index) => offset + index + 1);
    const invoiceValues: unknown[] = [];
    const lineValues: unknown[] = [];
    const invoiceRows = rows.map((n, index) => {
      const id = newId('inv');
      invoiceValues.push(id, `BENCH-${n}`, `acct_bench_${n}`, `sub_bench_${n}`, now, 2500, snapshotOf(n));
      lineValues.push(newId('il'), id, `be_bench_${n}`, 2500, now);
      const p = index * 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, 'USD', 'open', 'subscription_cycle', $${p + 5}, $${p + 5}, $${p + 5}, $${p + 5}, $${p + 5}, $${p + 6}, 0, $${p + 6}, 0, $${p + 6}, '[]', $${p + 7}, $${p + 5}, $${p + 5})`;
    });
    const lineRows = rows.map((_, index) => {
      const p = index * 5;
      return `($${p + 1}, $${p + 2}, 0, 'subscription', 'bench plan × 1', 'plan_bench', '1', '2500', $${p + 4}, 0, $${p + 5}, $${p + 5}, $${p + 3})`;
    });
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bench_invoices (id, number, account_id, subscription_id, currency, status, billing_reason, effective_at, issued_at,
         due_at, period_start, period_end, subtotal, tax, total, credit_applied, amount_due, notes, snapshot, created_at, updated_at)
       VALUES ${invoiceRows.join(', ')}`,
      invoiceValues,
    );
    await client.query(
      `INSERT INTO bench_lines (id, invoice_id, position, type, description, plan_code, quantity, unit_amount, amount, tax_amount,
         period_start, period_end, billing_event_id) VALUES ${lineRows.join(', ')}`,
      lineValues,
    );
    await client.query('COMMIT');
  }
  const elapsed = performance.now() - started;
  await client.end();
  return elapsed;
}

/** A document snapshot the size of the bill run's: the buyer, the seller and the names the invoice prints. */
function snapshotOf(n: number): string {
  return JSON.stringify({
    buyer: { name: `Customer ${n}`, email: `c${n}@seed.test`, address: null, tax_id: null, timezone: 'UTC' },
    seller: { name: 'Billing Platform', address: null, tax_id: null, country: null },
    plans: { plan_bench: 'Seeded plan' },
    metrics: {},
    tax_rates: {},
  });
}

function report(what: string, ms: number) {
  process.stdout.write(`${what} in ${(ms / 1000).toFixed(2)} s\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
