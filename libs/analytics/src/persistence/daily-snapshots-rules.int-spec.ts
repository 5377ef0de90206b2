import { startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import * as fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AnalyticsModule } from '../analytics.module';
import { AccountDay, summarizeDay } from '../domain/mrr-movements';
import { DailySnapshotsRun } from '../run/daily-snapshots-run';

const DAY = '2027-02-10';

/**
 * The snapshot's SQL against the pure rules (domain/mrr-movements.ts) on random accounts: each account's MRR at
 * the end of the day before and of the day, in one of two currencies, and whether it made MRR at the end of an
 * earlier day, written as the subscriptions' history would hold it.
 */
describe('daily snapshot SQL = summarizeDay (property)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([AnalyticsModule]));
  });
  afterAll(() => close());

  it('gives the same figures per currency', async () => {
    const run = app.get(DailySnapshotsRun);
    const amount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }));
    const account = fc.record({ currency: fc.constantFrom('USD', 'EUR'), before: amount, after: amount, earlier: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(account, { minLength: 1, maxLength: 30 }), async (accounts) => {
        await dataSource.query(`TRUNCATE subscription_versions`);
        const rows: unknown[][] = [];
        accounts.forEach(({ currency, before, after, earlier }, index) => {
          const version = (suffix: string, mrr: number, from: string, to: string | null) =>
            rows.push([`sub_${index}_${suffix}`, `acct_${index}`, currency, mrr, from, to]);
          // Made MRR at the end of Feb 1 to Feb 4, then nothing until the day before.
          if (earlier) version('earlier', 500, '2027-02-01T10:00:00Z', '2027-02-05T10:00:00Z');
          if (before > 0) version('before', before, '2027-02-09T10:00:00Z', '2027-02-10T10:00:00Z');
          if (after > 0) version('after', after, '2027-02-10T10:00:00Z', null);
          // A subscription in force only within the day counts in no snapshot.
          version('blip', 700, '2027-02-10T11:00:00Z', '2027-02-10T12:00:00Z');
        });
        // What the account made before ends at 10:00 on the day; what it makes after starts then (a swap, a change).
        await dataSource.query(
          `INSERT INTO subscription_versions (subscription_id, account_id, currency, plan_id, unit_amount, quantity, interval,
                                              interval_count, status, mrr, valid_from, valid_to)
           SELECT id, account_id, currency, 'plan', mrr, 1, 'month', 1, CASE WHEN mrr > 0 THEN 'active' ELSE 'canceled' END, mrr, f, t
             FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
               AS v (id, account_id, currency, mrr, f, t)`,
          [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column])),
        );
        await run.rebuild(DAY, DAY);
        const stored: Record<string, string>[] = await dataSource.query(`SELECT * FROM analytics_daily WHERE day = $1 ORDER BY currency`, [
          DAY,
        ]);
        // An account with no subscription in force at either end is in neither aggregate: not an account of the day.
        const expected = summarizeDay(
          accounts
            .flatMap(({ before, after }, index) => (before > 0 || after > 0 ? [{ ...accounts[index], index }] : []))
            .map(({ currency, before, after, earlier }, index): AccountDay => ({
              accountId: `acct_${index}`,
              currency,
              before,
              after,
              payingSubscriptions: after > 0 ? 1 : 0,
              madeMrrBefore: earlier,
            })),
        );
        expect(
          stored.map((row) => ({
            currency: row.currency,
            mrr: Number(row.mrr),
            new: Number(row.new),
            expansion: Number(row.expansion),
            contraction: Number(row.contraction),
            churn: Number(row.churn),
            reactivation: Number(row.reactivation),
            activeSubscriptions: Number(row.active_subscriptions),
            activeAccounts: Number(row.active_accounts),
            churnedAccounts: Number(row.churned_accounts),
          })),
        ).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
