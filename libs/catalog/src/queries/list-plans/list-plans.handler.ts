import { Page, paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PlanView, toPlanView } from '../plan.view';
import { PlanEntity } from '../../persistence/catalog.entities';
import { PlanRepository } from '../../persistence/plan.repository';
import { ListPlansQuery } from './list-plans.query';

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
