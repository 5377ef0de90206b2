import { AGGREGATIONS, Aggregation, CODE_MAX_LENGTH, CODE_PATTERN, FIELD_MAX_LENGTH, NAME_MAX_LENGTH } from '@billing/catalog';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateMetricDto {
  @ApiProperty({ example: 'api_calls', pattern: CODE_PATTERN.source, description: 'Unique; what usage events name in `metric_code`.' })
  @IsString()
  @MaxLength(CODE_MAX_LENGTH)
  code: string;

  @ApiProperty({ example: 'API calls', maxLength: NAME_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(NAME_MAX_LENGTH) name: string;

  @ApiProperty({
    enum: AGGREGATIONS,
    enumName: 'MetricAggregation',
    example: 'count',
    description:
      'How a period’s events become a quantity: `count` events; `sum`, `max` or `latest` of the numeric property `field` ' +
      '(of the event’s `value` without a field); `unique_count` of distinct values of `field`.',
  })
  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  @ApiPropertyOptional({
    example: null,
    maxLength: FIELD_MAX_LENGTH,
    nullable: true,
    type: String,
    description:
      'The key of the event’s `properties` that is aggregated. Required for `unique_count`; optional for `sum`, `max` and ' +
      '`latest` (absent: the event’s `value`); refused for `count`.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(FIELD_MAX_LENGTH)
  field?: string | null;
}
