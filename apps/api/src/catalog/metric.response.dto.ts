import { AGGREGATIONS, Aggregation, MetricView } from '@billing/catalog';
import { ApiProperty } from '@nestjs/swagger';

export class MetricResponse implements MetricView {
  @ApiProperty({ example: 'bm_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ enum: ['metric'] }) object: 'metric';
  @ApiProperty({ example: 'api_calls' }) code: string;
  @ApiProperty({ example: 'API calls' }) name: string;
  @ApiProperty({ enum: AGGREGATIONS, enumName: 'MetricAggregation', example: 'sum' }) aggregation: Aggregation;
  @ApiProperty({ nullable: true, type: String, example: 'bytes', description: 'Null: the event’s `value` (or, for `count`, none).' })
  field: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}
