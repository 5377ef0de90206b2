import { EventView } from '@billing/core';
import { ApiProperty } from '@nestjs/swagger';

type EventData = EventView['data'];

export class EventDataSchema implements EventData {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The resource after the change.' })
  object: Record<string, unknown>;
}

export class EventResponse implements EventView {
  @ApiProperty({ example: 'evt_7d0…' }) id: string;
  @ApiProperty({ example: 'account.created' }) type: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: EventDataSchema }) data: EventDataSchema;
}
