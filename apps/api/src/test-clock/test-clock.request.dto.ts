import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export class AdvanceClockDto {
  @ApiProperty({ example: '2027-02-01T00:00:00Z', description: 'The new instant; not before the current one.' })
  @IsISO8601({ strict: true })
  now: string;

  @ApiPropertyOptional({ type: 'integer', example: 60, minimum: 1, maximum: 600, description: 'Default: `60`.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeout_seconds?: number;
}
