import { DUNNING_ACTIONS, DunningAction, MAX_DAYS, MAX_RETRIES } from '@billing/dunning';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested, IsObject } from 'class-validator';

export class DunningStepDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_DAYS,
    example: 10,
    description: "Days after the oldest unpaid invoice's due date.",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_DAYS)
  after_days: number;

  @ApiProperty({
    enum: DUNNING_ACTIONS,
    enumName: 'DunningAction',
    description:
      '`notify`: state `warning`; `block`: subscriptions paused, state `blocked`; `cancel`: subscriptions canceled, invoices uncollectible, state `cancelled`.',
  })
  @IsIn(DUNNING_ACTIONS)
  action: DunningAction;
}

export class UpdateDunningPolicyDto {
  @ApiProperty({
    type: 'integer',
    isArray: true,
    maxItems: MAX_RETRIES,
    example: [1, 3, 5, 7],
    description: "Days after an invoice's due date on which a failed payment is retried: ascending, 0–365, at most 10.",
  })
  @IsArray()
  @ArrayMaxSize(MAX_RETRIES)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_DAYS, { each: true })
  retry_schedule_days: number[];

  @ApiProperty({
    type: [DunningStepDto],
    example: [
      { after_days: 3, action: 'notify' },
      { after_days: 14, action: 'block' },
      { after_days: 30, action: 'cancel' },
    ],
    description: 'Ascending by day, each action at most once, `cancel` last.',
  })
  @IsArray()
  @ArrayMaxSize(DUNNING_ACTIONS.length)
  @IsObject({ each: true, message: '$property must hold objects' })
  @ValidateNested({ each: true })
  @Type(() => DunningStepDto)
  steps: DunningStepDto[];
}
