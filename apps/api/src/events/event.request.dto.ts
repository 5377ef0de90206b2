import { EVENT_TYPES, EventType } from '@billing/kernel';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

export class ListEventsQueryDto extends PageQuery {
  // Described as the catalogue's types; any string is accepted (an unknown type lists nothing), as before.
  @ApiPropertyOptional({ enum: EVENT_TYPES, enumName: 'EventType', example: 'account.created', description: 'Only events of this type.' })
  @IsOptional()
  @IsString()
  type?: EventType;
}
