import { NotFound } from '@billing/kernel';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { BillingEventType } from '../../domain/billing-event';
import { ListBillingEventsQuery } from './list-billing-events.query';

interface BillingEventRow {
  id: string;
  subscription_id: string;
  type: BillingEventType;
  effective_at: Date;
  period_start: Date;
  period_end: Date;
  plan_id: string;
  plan_code: string;
  quantity: number;
  unit_amount: string;
  currency: string;
  amount: string | null;
}

@QueryHandler(ListBillingEventsQuery)
export class ListBillingEventsHandler implements IQueryHandler<ListBillingEventsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ subscriptionId }: ListBillingEventsQuery) {
    const exists = await this.dataSource.query(`SELECT 1 FROM subscriptions WHERE id = $1`, [subscriptionId]);
    if (exists.length === 0) throw new NotFound('subscription', subscriptionId);
    const rows: BillingEventRow[] = await this.dataSource.query(
      `SELECT * FROM billing_events WHERE subscription_id = $1 ORDER BY effective_at, id`,
      [subscriptionId],
    );
    return {
      data: rows.map((row) => ({
        id: row.id,
        object: 'billing_event' as const,
        subscription_id: row.subscription_id,
        type: row.type,
        effective_at: row.effective_at.toISOString(),
        period_start: row.period_start.toISOString(),
        period_end: row.period_end.toISOString(),
        plan_id: row.plan_id,
        plan_code: row.plan_code,
        quantity: row.quantity,
        unit_amount: Number(row.unit_amount),
        currency: row.currency,
        amount: row.amount === null ? null : Number(row.amount),
      })),
    };
  }
}
