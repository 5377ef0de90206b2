import { ApiProperty } from '@nestjs/swagger';

export class ClockResponse {
  @ApiProperty({ format: 'date-time' }) now: string;
}

export class AdvancedClockResponse extends ClockResponse {
  @ApiProperty({ type: 'integer', example: 0, description: 'Work still pending (0 when the answer is 200).' }) pending_jobs: number;
}
