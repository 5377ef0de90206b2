import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DunningPolicies } from '../../persistence/dunning-policies';
import { toDunningPolicyView } from '../dunning-policy.view';
import { GetDunningPolicyQuery } from './get-dunning-policy.query';

@QueryHandler(GetDunningPolicyQuery)
export class GetDunningPolicyHandler implements IQueryHandler<GetDunningPolicyQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute() {
    return toDunningPolicyView(await DunningPolicies.get(this.dataSource.manager));
  }
}
