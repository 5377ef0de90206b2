import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACCEPTANCE_WINDOW } from '../domain/acceptance';
import { lateUsage } from '../domain/late-usage';
import { UsageCharge, usageWindowKey } from '../domain/usage-charge';
import { RatedUsage, UsageRating } from './usage-rating';

/** The usage of one subscription over [from, to), billed on the invoice of the instant `billedAt`. */
export interface UsageWindow {
  subscriptionId: string;
  planId: string;
  currency: string;
  from: Date;
  to: Date;
  billedAt: Date;
}

export interface WindowCharges {
  window: UsageWindow;
  charges: UsageCharge[];
}

interface BilledRow {
  subscription_id: string;
  metric_code: string;
  period_start: Date;
  period_end: Date;
  plan_id: string;
  currency: string;
  quantity: string;
  amount: string;
}

/** Margin over the acceptance window for a batch still in flight when a period is checked for the last time. */
const RECHECK_MARGIN = '1 hour';

/**
 * Usage for invoices, with late events. `rate` is what the bill run calls inside the transaction that writes
 * the invoices; `preview` the same without recording anything.
 *
 * For each window: every charge of the plan rated over [from, to) (charges without usage are left out), and
 * the rated quantities and amounts recorded in `usage_billed` in the caller's transaction. Then, for each
 * subscription, every period it was billed for that could still have received events since it was last
 * billed (until its end + the 35-day acceptance window + 1 h) is rated again: where the amount changed, a
 * `late` charge bills the difference (see `lateUsage`) on the subscription's first window of the call, and
 * the record moves to the new totals. So the lines of a period always add up to the rating of all its
 * events, whenever they arrived, and a window rated twice bills its usage once.
 */
@Injectable()
export class UsageInvoicing {
  constructor(private readonly rating: UsageRating) {}

  /** The usage charges keyed by {@link usageWindowKey}, recorded as billed. */
  async rate(manager: EntityManager, windows: readonly UsageWindow[]): Promise<Map<string, UsageCharge[]>> {
    return toMap(await this.rateWindows(manager, windows, { record: true }));
  }

  /** As {@link rate}, recording nothing (invoice previews). */
  async preview(manager: EntityManager, windows: readonly UsageWindow[]): Promise<Map<string, UsageCharge[]>> {
    return toMap(await this.rateWindows(manager, windows, { record: false }));
  }

  /** The charges of each window, in the order of `windows`: two aggregate queries for the whole call, whatever its size. */
  async rateWindows(manager: EntityManager, windows: readonly UsageWindow[], options: { record: boolean }): Promise<WindowCharges[]> {
    if (windows.length === 0) return [];
    const subscriptionIds = [...new Set(windows.map((window) => window.subscriptionId))];
    const billed: BilledRow[] = await manager.query(
      `SELECT subscription_id, metric_code, period_start, period_end, plan_id, currency, quantity::text, amount::text
         FROM usage_billed
        WHERE subscription_id = ANY($1::text[])
          AND (billed_at < period_end + make_interval(days => $2) + interval '${RECHECK_MARGIN}'
               OR (subscription_id, period_start, period_end) IN (SELECT * FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[])))
        ORDER BY subscription_id, period_start, period_end, metric_code`,
      [
        subscriptionIds,
        ACCEPTANCE_WINDOW.pastDays,
        windows.map((window) => window.subscriptionId),
        windows.map((window) => window.from),
        windows.map((window) => window.to),
      ],
    );
    const result: WindowCharges[] = windows.map((window) => ({ window, charges: [] }));
    const ordered = [...result].sort((a, b) => a.window.billedAt.getTime() - b.window.billedAt.getTime());
    const records: BilledRecord[] = [];
    const windowKeys = new Set(windows.map((window) => periodKey(window.subscriptionId, window.from, window.to)));

    // Every window of the call rated with one aggregate query.
    const ratedWindows = await this.rating.rateWindows(
      manager,
      ordered.map(({ window }) => ({
        subscriptionId: window.subscriptionId,
        planId: window.planId,
        currency: window.currency,
        periodStart: window.from,
        periodEnd: window.to,
      })),
    );
    for (const [index, entry] of ordered.entries()) {
      const { window } = entry;
      const rated = ratedWindows[index];
      const before = billedOf(billed, window.subscriptionId, window.from, window.to);
      for (const usage of rated) {
        const earlier = before.get(usage.metricCode);
        records.push(record(window.subscriptionId, window.planId, window.currency, window.from, window.to, usage, window.billedAt));
        if (earlier) {
          // Already billed once (a window rated again): only what changed.
          const late = lateUsage(usage.aggregation, usage, earlier);
          if (late) entry.charges.push({ ...charge(window.subscriptionId, window.from, window.to, usage), ...late });
        } else if (usage.quantity !== '0' || usage.amount !== 0) {
          entry.charges.push(charge(window.subscriptionId, window.from, window.to, usage));
        }
      }
    }

    // Late events of periods billed before this call, on each subscription's first window.
    const firstWindow = new Map<string, WindowCharges>();
    for (const entry of ordered) if (!firstWindow.has(entry.window.subscriptionId)) firstWindow.set(entry.window.subscriptionId, entry);
    const earlierPeriods = groupPeriods(billed).filter((group) => !windowKeys.has(periodKey(group.subscriptionId, group.start, group.end)));
    // The earlier periods re-rated with one aggregate query too.
    const ratedPeriods = await this.rating.rateWindows(
      manager,
      earlierPeriods.map((group) => ({
        subscriptionId: group.subscriptionId,
        planId: group.planId,
        currency: group.currency,
        periodStart: group.start,
        periodEnd: group.end,
      })),
    );
    for (const [index, group] of earlierPeriods.entries()) {
      const entry = firstWindow.get(group.subscriptionId) as WindowCharges;
      const rated = ratedPeriods[index];
      for (const usage of rated) {
        const late = lateUsage(usage.aggregation, usage, group.billed.get(usage.metricCode) ?? { quantity: '0', amount: 0 });
        if (late) entry.charges.push({ ...charge(group.subscriptionId, group.start, group.end, usage), ...late, late: true });
        records.push(record(group.subscriptionId, group.planId, group.currency, group.start, group.end, usage, entry.window.billedAt));
      }
    }

    if (options.record) await writeRecords(manager, records);
    return result;
  }
}

interface BilledRecord {
  subscriptionId: string;
  metricCode: string;
  periodStart: Date;
  periodEnd: Date;
  planId: string;
  currency: string;
  quantity: string;
  amount: number;
  billedAt: Date;
}

function record(
  subscriptionId: string,
  planId: string,
  currency: string,
  start: Date,
  end: Date,
  usage: RatedUsage,
  billedAt: Date,
): BilledRecord {
  return {
    subscriptionId,
    metricCode: usage.metricCode,
    periodStart: start,
    periodEnd: end,
    planId,
    currency,
    quantity: usage.quantity,
    amount: usage.amount,
    billedAt,
  };
}

function charge(subscriptionId: string, start: Date, end: Date, usage: RatedUsage): UsageCharge {
  return {
    subscriptionId,
    metricCode: usage.metricCode,
    quantity: usage.quantity,
    unitAmount: usage.unitAmount,
    amount: usage.amount,
    description: usage.description,
    periodStart: start,
    periodEnd: end,
  };
}

function periodKey(subscriptionId: string, start: Date, end: Date): string {
  return `${subscriptionId}|${start.getTime()}|${end.getTime()}`;
}

function billedOf(rows: readonly BilledRow[], subscriptionId: string, start: Date, end: Date) {
  const key = periodKey(subscriptionId, start, end);
  return new Map(
    rows
      .filter((row) => periodKey(row.subscription_id, row.period_start, row.period_end) === key)
      .map((row) => [row.metric_code, { quantity: row.quantity, amount: Number(row.amount) }]),
  );
}

interface BilledPeriod {
  subscriptionId: string;
  start: Date;
  end: Date;
  planId: string;
  currency: string;
  billed: Map<string, { quantity: string; amount: number }>;
}

function groupPeriods(rows: readonly BilledRow[]): BilledPeriod[] {
  const groups = new Map<string, BilledPeriod>();
  for (const row of rows) {
    const key = periodKey(row.subscription_id, row.period_start, row.period_end);
    const group = groups.get(key) ?? {
      subscriptionId: row.subscription_id,
      start: row.period_start,
      end: row.period_end,
      planId: row.plan_id,
      currency: row.currency,
      billed: new Map(),
    };
    group.billed.set(row.metric_code, { quantity: row.quantity, amount: Number(row.amount) });
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function writeRecords(manager: EntityManager, all: readonly BilledRecord[]): Promise<void> {
  // One row per key (the last rating wins): an upsert may not touch a row twice.
  const records = [
    ...new Map(all.map((row) => [`${periodKey(row.subscriptionId, row.periodStart, row.periodEnd)}|${row.metricCode}`, row])).values(),
  ];
  if (records.length === 0) return;
  await manager.query(
    `INSERT INTO usage_billed (subscription_id, metric_code, period_start, period_end, plan_id, currency, quantity, amount, billed_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::numeric[], $8::bigint[], $9::timestamptz[])
     ORDER BY 1, 3, 4, 2
     ON CONFLICT (subscription_id, period_start, period_end, metric_code) DO UPDATE SET
       quantity = excluded.quantity, amount = excluded.amount, billed_at = greatest(usage_billed.billed_at, excluded.billed_at)`,
    [
      records.map((row) => row.subscriptionId),
      records.map((row) => row.metricCode),
      records.map((row) => row.periodStart),
      records.map((row) => row.periodEnd),
      records.map((row) => row.planId),
      records.map((row) => row.currency),
      records.map((row) => row.quantity),
      records.map((row) => row.amount),
      records.map((row) => row.billedAt),
    ],
  );
}

function toMap(results: readonly WindowCharges[]): Map<string, UsageCharge[]> {
  const map = new Map<string, UsageCharge[]>();
  for (const { window, charges } of results) {
    const key = usageWindowKey(window.subscriptionId, window.billedAt);
    map.set(key, [...(map.get(key) ?? []), ...charges]);
  }
  return map;
}
