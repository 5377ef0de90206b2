import { CurrentUsageView, IngestResult, MetricUsageView } from '@billing/usage';
import { ApiProperty } from '@nestjs/swagger';

export class UsageBatchResponse implements IngestResult {
  @ApiProperty({ type: 'integer', example: 998, description: 'New events stored.' }) accepted: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'Events whose id was already stored (or repeated in the batch): counted once.' })
  duplicates: number;
}

class MetricUsageSchema implements MetricUsageView {
  @ApiProperty({ example: 'api_calls' }) metric_code: string;
  @ApiProperty({ example: '1500', description: 'The aggregated quantity so far (decimal string).' }) quantity: string;
  @ApiProperty({ type: 'integer', example: 550, description: 'Minor units, rounded once for the metric, as its invoice line will be.' })
  amount: number;
  @ApiProperty({ example: '0.366666666667', description: 'Average price per unit before rounding, in minor units (decimal string).' })
  unit_amount: string;
  @ApiProperty({
    example: '1500 units (graduated): 100 × USD 0.00 (0–100) + 900 × USD 0.005 (101–1000) + 500 × USD 0.002 (1001+)',
    description: 'How the amount was priced (the tiers used).',
  })
  description: string;
}

export class CurrentUsageResponse implements CurrentUsageView {
  @ApiProperty({ enum: ['subscription_usage'] }) object: 'subscription_usage';
  @ApiProperty({ example: 'sub_0Kx3aB9zQ1cD2eF3gH4iJ5' }) subscription_id: string;
  @ApiProperty({ format: 'date-time', example: '2027-03-01T00:00:00.000Z' }) period_start: string;
  @ApiProperty({
    format: 'date-time',
    example: '2027-04-01T00:00:00.000Z',
    description: 'Exclusive: the current period end, or the cancel or pause instant when that comes first.',
  })
  period_end: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    type: 'integer',
    example: 850,
    description: 'Sum of the metrics’ amounts, minor units (0 during a trial: trials bill nothing).',
  })
  amount: number;
  @ApiProperty({ type: [MetricUsageSchema], description: 'One entry per usage charge of the plan, in the plan’s order.' })
  metrics: MetricUsageSchema[];
}
