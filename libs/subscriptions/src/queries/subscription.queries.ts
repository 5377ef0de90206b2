import { Page, PageRequest, paginate } from '@billing/core';
import { NotFound } from '@billing/kernel';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { BillingEventType } from '../domain/billing-event';
import { SubscriptionStatus } from '../domain/subscription';
import { SubscriptionView, toSubscriptionView } from './subscription.view';
import { SubscriptionEntity } from '../persistence/subscription.entity';
import { toSubscriptionProps } from '../persistence/subscription.mapper';

export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}

export class ListSubscriptionsQuery extends Query<Page<SubscriptionView>> {
  constructor(
    readonly filters: { accountId?: string; status?: SubscriptionStatus },
    readonly page: PageRequest,
  ) {
    super();
  }
}

export interface BillingEventView {
  id: string;
  object: 'billing_event';
  subscription_id: string;
  type: BillingEventType;
  effective_at: string;
  period_start: string;
  period_end: string;
  plan_id: string;
  plan_code: string;
  quantity: number;
  unit_amount: number;
  currency: string;
  amount: number | null;
}

/** The billing events of a subscription in the order they happened: what invoicing bills from. */
export class ListBillingEventsQuery extends Query<{ data: BillingEventView[] }> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}

const toView = (entity: SubscriptionEntity) => toSubscriptionView(toSubscriptionProps(entity));

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(@InjectRepository(SubscriptionEntity) private readonly subscriptions: Repository<SubscriptionEntity>) {}

  async execute({ subscriptionId }: GetSubscriptionQuery) {
    const subscription = await this.subscriptions.findOneBy({ id: subscriptionId });
    if (!subscription) throw new NotFound('subscription', subscriptionId);
    return toView(subscription);
  }
}

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(@InjectRepository(SubscriptionEntity) private readonly subscriptions: Repository<SubscriptionEntity>) {}

  execute({ filters, page }: ListSubscriptionsQuery) {
    const query = this.subscriptions.createQueryBuilder('subscription');
    if (filters.accountId) query.andWhere('subscription.accountId = :accountId', { accountId: filters.accountId });
    if (filters.status) query.andWhere('subscription.status = :status', { status: filters.status });
    return paginate(query, page, toView);
  }
}

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
