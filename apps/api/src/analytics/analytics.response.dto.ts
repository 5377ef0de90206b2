import {
  ChurnPointView,
  ChurnSeriesView,
  LtvPointView,
  LtvSeriesView,
  MrrPointView,
  MrrSeriesView,
  RebuildResult,
} from '@billing/analytics';
import { ApiProperty } from '@nestjs/swagger';

class MrrPointResponse implements MrrPointView {
  @ApiProperty({ example: '2027-01-31', description: 'The figures are the state at the end of this day (UTC); a month row: its last day.' })
  date: string;
  @ApiProperty({ type: 'integer', example: 125000, description: 'MRR in minor units.' }) mrr: number;
  @ApiProperty({ type: 'integer', example: 3000 }) new: number;
  @ApiProperty({ type: 'integer', example: 6000 }) expansion: number;
  @ApiProperty({ type: 'integer', example: 1000, description: 'A positive amount lost.' }) contraction: number;
  @ApiProperty({ type: 'integer', example: 3000, description: 'A positive amount lost.' }) churn: number;
  @ApiProperty({ type: 'integer', example: 0 }) reactivation: number;
  @ApiProperty({ type: 'integer', example: 42 }) active_subscriptions: number;
  @ApiProperty({ type: 'integer', example: 40 }) active_accounts: number;
}

export class MrrSeriesResponse implements MrrSeriesView {
  @ApiProperty({ enum: ['mrr_series'] }) object: 'mrr_series';
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['day', 'month'], enumName: 'AnalyticsInterval' }) interval: string;
  @ApiProperty({ type: [MrrPointResponse] }) data: MrrPointResponse[];
}

class ChurnPointResponse implements ChurnPointView {
  @ApiProperty({ example: '2027-01-01' }) period_start: string;
  @ApiProperty({ example: '2027-01-31' }) date: string;
  @ApiProperty({ type: String, nullable: true, example: '0.0250', description: 'Churned accounts ÷ accounts active at the start.' })
  logo_churn: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.0125',
    description: '(churn + contraction − expansion) ÷ MRR at the start; negative when expansion outweighs.',
  })
  revenue_churn: string | null;
}

export class ChurnSeriesResponse implements ChurnSeriesView {
  @ApiProperty({ enum: ['churn_series'] }) object: 'churn_series';
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['day', 'month'], enumName: 'AnalyticsInterval' }) interval: string;
  @ApiProperty({ type: [ChurnPointResponse] }) data: ChurnPointResponse[];
}

class LtvPointResponse implements LtvPointView {
  @ApiProperty({ example: '2027-01-31' }) date: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 3125, description: 'MRR ÷ active accounts, minor units.' }) arpa: number | null;
  @ApiProperty({ type: String, nullable: true, example: '0.0200', description: 'Monthly revenue churn averaged over the last 3 months.' })
  revenue_churn: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 156250, description: 'ARPA ÷ revenue churn; null when churn is 0 or less.' })
  ltv: number | null;
}

export class LtvSeriesResponse implements LtvSeriesView {
  @ApiProperty({ enum: ['ltv_series'] }) object: 'ltv_series';
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['day', 'month'], enumName: 'AnalyticsInterval' }) interval: string;
  @ApiProperty({ type: [LtvPointResponse] }) data: LtvPointResponse[];
}

export class RebuildResponse implements RebuildResult {
  @ApiProperty({ enum: ['analytics_rebuild'] }) object: 'analytics_rebuild';
  @ApiProperty({ example: '2027-01-01' }) from: string;
  @ApiProperty({ example: '2027-01-31' }) to: string;
  @ApiProperty({ type: 'integer', example: 31, description: 'Days computed.' }) days: number;
}
