import { Page, PageRequest, paginate } from '@billing/core';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PlanView, toPlanView } from './plan.view';
import { PlanEntity } from '../persistence/catalog.entities';
import { PlanRepository } from '../persistence/plan.repository';

export class GetPlanQuery extends Query<PlanView> {
  constructor(readonly idOrCode: string) {
    super();
  }
}

export class ListPlansQuery extends Query<Page<PlanView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanRepository,
  ) {}

  async execute({ idOrCode }: GetPlanQuery): Promise<PlanView> {
    const plan = await this.plans.getPlan(this.dataSource.manager, idOrCode);
    return toPlanView(plan.snapshot());
  }
}

/** Newest first; one query for the page of plans, then one each for their prices and their charges. */
@QueryHandler(ListPlansQuery)
export class ListPlansHandler implements IQueryHandler<ListPlansQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanRepository,
  ) {}

  async execute({ page }: ListPlansQuery): Promise<Page<PlanView>> {
    const manager = this.dataSource.manager;
    const rows = await paginate(manager.createQueryBuilder(PlanEntity, 'plan'), page, (entity) => entity);
    const plans = await this.plans.hydrate(manager, rows.data);
    return { ...rows, data: plans.map((plan) => toPlanView(plan.snapshot())) };
  }
}
