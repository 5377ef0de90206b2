import 'reflect-metadata';
import { DailySnapshotsRun } from '@billing/analytics';
import { Clock } from '@billing/kernel';
import { SubscriptionRenewals } from '@billing/subscriptions';
import { DataSource } from 'typeorm';
import { argument, callApi, startBenchApi, timed, withBenchDatabase } from '../support/bench-platform';

const DAY = '2027-01-02';
const REQUESTS = 300;

/**
 * `npm run bench:analytics [-- --subscriptions 1000000]`: the daily snapshot of N subscriptions (one account each,
 * USD 25.00 a month, in force since the day before) of which 10 % change during the day (a quarter each churn,
 * expand ×2, contract to 15.00, pause), computed as the scheduler and `POST /v1/analytics/rebuild` do; beside it,
 * the ceiling of a plain aggregate of the MRR in force at the day's end over the same rows. Then
 * `GET /v1/analytics/mrr` over 3 years of daily rows (the real api in this process, its routes called with
 * `inject`), its p95 beside a plain SELECT of the same rows.
 *
 * The history is seeded set-based straight into `subscription_versions` (what every save writes): the snapshot
 * reads nothing else, and seeding the subscriptions, accounts and their billing events too would take minutes.
 */
async function main() {
  const subscriptions = Number(argument('--subscriptions') ?? 1_000_000);
  await withBenchDatabase(async (config) => {
    const api = await startBenchApi(config);
    // The scheduler's kind of session (no statement limit, its default) for the seeding and the snapshot; the
    // api's own (5 s statement limit) for the reads.
    const dataSource = await new DataSource({ type: 'postgres', url: config.databaseUrl }).initialize();
    try {
      const seeded = await timed(() => seedHistory(dataSource, subscriptions));
      // Vacuumed now rather than by autovacuum in the middle of the measures.
      await dataSource.query('VACUUM ANALYZE subscription_versions');
      const run = new DailySnapshotsRun(dataSource, api.get(SubscriptionRenewals), api.get(Clock));
      await run.rebuild('2027-01-01', '2027-01-01');
      const snapshot = await timed(() => run.rebuild(DAY, DAY));
      const ceiling = await timed(() =>
        dataSource.query(
          `SELECT currency, sum(mrr), count(DISTINCT account_id) FROM subscription_versions
            WHERE valid_from < $1 AND (valid_to IS NULL OR valid_to >= $1) GROUP BY currency`,
          ['2027-01-03T00:00:00Z'],
        ),
      );
      const [row] = await dataSource.query(`SELECT * FROM analytics_daily WHERE day = $1`, [DAY]);
      const quarter = subscriptions / 40;
      const expected = { mrr: 2500 * subscriptions - 2500 * quarter * 2 + 2500 * quarter - 1000 * quarter, churn: 2500 * quarter * 2 };
      if (Number(row.mrr) !== expected.mrr || Number(row.churn) !== expected.churn) {
        throw new Error(`unexpected snapshot: ${JSON.stringify(row)}, expected ${JSON.stringify(expected)}`);
      }

      await seedThreeYears(dataSource);
      await dataSource.query('VACUUM ANALYZE analytics_daily, analytics_days');
      const url = '/v1/analytics/mrr?from=2024-01-01&to=2026-12-31&currency=USD&interval=day';
      const rows = ((await callApi(api, 'GET', url)) as { data: unknown[] }).data.length;
      const apiTimes = await repeat(() => callApi(api, 'GET', url));
      const sqlTimes = await repeat(() =>
        dataSource.query(`SELECT * FROM analytics_daily WHERE currency = 'USD' AND day BETWEEN '2024-01-01' AND '2026-12-31' ORDER BY day`),
      );
      process.stdout.write(
        [
          '',
          `analytics, ${subscriptions} subscriptions (history seeded in ${seeded.toFixed(1)} s):`,
          `  snapshot of one day, 10 % changing: ${snapshot.toFixed(2)} s ` +
            `(ceiling, a plain aggregate of the MRR in force over the same rows: ${ceiling.toFixed(2)} s)`,
          `    ${DAY}: mrr ${row.mrr}, new ${row.new}, expansion ${row.expansion}, contraction ${row.contraction}, churn ${row.churn}, ` +
            `active accounts ${row.active_accounts}`,
          `  GET /v1/analytics/mrr, 3 years of daily rows (${rows}), ${REQUESTS} requests: p50 ${ms(apiTimes, 0.5)}, p95 ${ms(apiTimes, 0.95)} ` +
            `(ceiling, a plain SELECT of the rows: p50 ${ms(sqlTimes, 0.5)}, p95 ${ms(sqlTimes, 0.95)})`,
          '',
        ].join('\n'),
      );
    } finally {
      await dataSource.destroy();
      await api.close();
    }
  });
}

/**
 * N subscriptions in force from 2027-01-01 at 09:00 (USD 2500 each); during 2027-01-02 at noon, subscription n
 * with n % 10 = 0 changes: n % 40 = 0 is canceled, 10 doubles its quantity, 20 moves to 1500, 30 pauses.
 */
async function seedHistory(dataSource: DataSource, count: number): Promise<void> {
  for (let first = 1; first <= count; first += 100_000) await seedChunk(dataSource, first, Math.min(count, first + 99_999));
}

async function seedChunk(dataSource: DataSource, first: number, last: number): Promise<void> {
  const since = '2027-01-01T09:00:00Z';
  const change = '2027-01-02T12:00:00Z';
  await dataSource.query(
    `INSERT INTO subscription_versions (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count,
                                        status, mrr, valid_from, valid_to)
     SELECT 'sub_' || n, 'acct_' || n, 'USD', 'plan_bench', 2500, 1, 'month', 1, 'active', 2500, $2,
            CASE WHEN n % 10 = 0 THEN $3::timestamptz END
       FROM generate_series($1::int, $4::int) AS n`,
    [first, since, change, last],
  );
  await dataSource.query(
    `INSERT INTO subscription_versions (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval, interval_count,
                                        status, mrr, valid_from)
     SELECT 'sub_' || n, 'acct_' || n, 'USD', 'plan_bench',
            CASE n % 40 WHEN 20 THEN 1500 ELSE 2500 END, CASE n % 40 WHEN 10 THEN 2 ELSE 1 END, 'month', 1,
            CASE n % 40 WHEN 0 THEN 'canceled' WHEN 30 THEN 'paused' ELSE 'active' END,
            CASE n % 40 WHEN 0 THEN 0 WHEN 30 THEN 0 WHEN 10 THEN 5000 ELSE 1500 END, $2
       FROM generate_series($1::int, $3::int) AS n WHERE n % 10 = 0`,
    [first, change, last],
  );
}

/** 3 years of daily USD rows, as the scheduler leaves them. */
async function seedThreeYears(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO analytics_daily (currency, day, mrr, new, expansion, contraction, churn, reactivation, active_subscriptions,
                                  active_accounts, churned_accounts)
     SELECT 'USD', day, 1000000 + n * 100, 500, 200, 100, 400, 50, 1000 + n, 900 + n, 3
       FROM generate_series('2024-01-01'::date, '2026-12-31'::date, interval '1 day') WITH ORDINALITY AS days (day, n)`,
  );
  await dataSource.query(
    `INSERT INTO analytics_days (day, computed_at)
     SELECT day, now() FROM generate_series('2024-01-01'::date, '2026-12-31'::date, interval '1 day') AS day
     ON CONFLICT (day) DO NOTHING`,
  );
}

async function repeat(work: () => Promise<unknown>): Promise<number[]> {
  for (let warm = 0; warm < 20; warm++) await work();
  const times: number[] = [];
  for (let n = 0; n < REQUESTS; n++) times.push(await timed(work));
  return times.sort((a, b) => a - b);
}

function ms(sorted: number[], quantile: number): string {
  return `${(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] * 1000).toFixed(1)} ms`;
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
