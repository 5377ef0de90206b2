import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { PlanView } from '../plan.view';

export class ListPlansQuery extends Query<Page<PlanView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
