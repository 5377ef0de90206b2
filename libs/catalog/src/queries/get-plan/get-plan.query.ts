import { Query } from '@nestjs/cqrs';
import { PlanView } from '../plan.view';

export class GetPlanQuery extends Query<PlanView> {
  constructor(readonly idOrCode: string) {
    super();
  }
}
