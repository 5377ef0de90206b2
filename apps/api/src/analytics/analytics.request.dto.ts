import { ANALYTICS_INTERVALS, AnalyticsInterval } from '@billing/analytics';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RebuildAnalyticsDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day to compute again (YYYY-MM-DD, UTC).' })
  @IsString()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day (inclusive): a day that has ended, at most 3 years after `from`.' })
  @IsString()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to: string;
}

export class AnalyticsQueryDto extends RebuildAnalyticsDto {
  @ApiPropertyOptional({
    enum: ANALYTICS_INTERVALS,
    enumName: 'AnalyticsInterval',
    description: 'One row per day, or per calendar month. Default: `day`.',
  })
  @IsOptional()
  @IsIn(ANALYTICS_INTERVALS)
  interval?: AnalyticsInterval;

  @ApiProperty({ example: 'USD', description: 'Currencies are never added together: one currency per request.' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
  currency: string;
}
