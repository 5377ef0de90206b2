import { Access } from '@billing/auth';
import { EventView, GetEventQuery, ListEventsQuery } from '@billing/core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { ApiPage, ApiProblems } from '../openapi/schemas';

class ListEventsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'account.created' }) @IsOptional() @IsString() type?: string;
}

class EventDataSchema {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The resource after the change.' })
  object: Record<string, unknown>;
}

export class EventResponse {
  @ApiProperty({ example: 'evt_7d0…' }) id: string;
  @ApiProperty({ example: 'account.created' }) type: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: EventDataSchema }) data: EventDataSchema;
}

@ApiTags('Events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listEvents', summary: 'List events, newest first' })
  @ApiPage(EventResponse)
  @ApiProblems()
  list(@Query() query: ListEventsQueryDto) {
    return this.queries.execute(new ListEventsQuery({ type: query.type }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getEvent', summary: 'Get an event' })
  @ApiOkResponse({ type: EventResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<EventView> {
    return this.queries.execute(new GetEventQuery(id));
  }
}
