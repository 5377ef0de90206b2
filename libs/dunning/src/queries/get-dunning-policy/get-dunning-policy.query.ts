import { Query } from '@nestjs/cqrs';
import type { DunningPolicyView } from '../dunning-policy.view';

export class GetDunningPolicyQuery extends Query<DunningPolicyView> {}
