import { Access } from '@billing/auth';
import { EventView, GetEventQuery, ListEventsQuery } from '@billing/core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pageRequest } from '../http/pagination.dto';
import { OverdueStateChangedResponse } from '../accounts/account.response.dto';
import { ApiProblems } from '../openapi/schemas';
import { EVENT_PAGE_SCHEMA, EVENT_SCHEMA } from './event-catalogue';
import { ListEventsQueryDto } from './event.request.dto';

@ApiTags('Events')
// The event schemas are the catalogue's (event-catalogue.ts, added to the document after Nest builds it).
@ApiExtraModels(OverdueStateChangedResponse)
@Controller('v1/events')
export class EventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listEvents', summary: 'List events, newest first' })
  @ApiOkResponse({ schema: { $ref: `#/components/schemas/${EVENT_PAGE_SCHEMA}` } })
  @ApiProblems()
  list(@Query() query: ListEventsQueryDto) {
    return this.queries.execute(new ListEventsQuery({ type: query.type }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getEvent', summary: 'Get an event' })
  @ApiOkResponse({ schema: { $ref: `#/components/schemas/${EVENT_SCHEMA}` } })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<EventView> {
    return this.queries.execute(new GetEventQuery(id));
  }
}
