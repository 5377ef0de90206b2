import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PlanView, toPlanView } from '../plan.view';
import { PlanRepository } from '../../persistence/plan.repository';
import { GetPlanQuery } from './get-plan.query';

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
