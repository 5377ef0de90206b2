import { AGGREGATIONS, Aggregation } from '@billing/catalog';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateMetricDto {
  @ApiProperty({ example: 'api_calls', pattern: '^[a-z0-9_.-]{1,100}$', description: 'Unique; what usage events name in `metric_code`.' })
  @IsString()
  @MaxLength(100)
  code: string;

  @ApiProperty({ example: 'API calls', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiProperty({
    enum: AGGREGATIONS,
    example: 'sum',
    description:
      'How a period’s events become a quantity: `count` events; `sum`, `max` or `latest` of the numeric property `field` ' +
      '(of the event’s `value` without a field); `unique_count` of distinct values of `field`.',
  })
  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  @ApiPropertyOptional({
    example: 'bytes',
    maxLength: 100,
    nullable: true,
    type: String,
    description:
      'The key of the event’s `properties` that is aggregated. Required for `unique_count`; optional for `sum`, `max` and ' +
      '`latest` (absent: the event’s `value`); refused for `count`.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  field?: string | null;
}

export class MetricResponse {
  @ApiProperty({ example: 'bm_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ enum: ['metric'] }) object: 'metric';
  @ApiProperty({ example: 'api_calls' }) code: string;
  @ApiProperty({ example: 'API calls' }) name: string;
  @ApiProperty({ enum: AGGREGATIONS, example: 'sum' }) aggregation: string;
  @ApiProperty({ nullable: true, type: String, example: 'bytes', description: 'Null: the event’s `value` (or, for `count`, none).' })
  field: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}
