import { Access } from '@billing/auth';
import { EventView, GetEventQuery, ListEventsQuery } from '@billing/core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pageRequest } from '../http/pagination.dto';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { ListEventsQueryDto } from './event.request.dto';
import { EventResponse } from './event.response.dto';

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
