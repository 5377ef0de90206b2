import { DUNNING_ACTIONS, DunningAction, DunningPolicyView } from '@billing/dunning';
import { ApiProperty } from '@nestjs/swagger';

class DunningStepResponse {
  @ApiProperty({ type: 'integer', example: 14 }) after_days: number;
  @ApiProperty({ enum: DUNNING_ACTIONS, enumName: 'DunningAction' }) action: DunningAction;
}

export class DunningPolicyResponse implements DunningPolicyView {
  @ApiProperty({ enum: ['dunning_policy'] }) object: 'dunning_policy';
  @ApiProperty({ type: 'integer', isArray: true, example: [1, 3, 5, 7] }) retry_schedule_days: number[];
  @ApiProperty({ type: [DunningStepResponse] }) steps: DunningStepResponse[];
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
