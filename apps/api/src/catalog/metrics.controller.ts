import { CreateMetricCommand, GetMetricQuery, ListMetricsQuery, MetricView } from '@billing/catalog';
import { Access } from '@billing/auth';
import { Page } from '@billing/core';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CreateMetricDto } from './metric.request.dto';
import { MetricResponse } from './metric.response.dto';

/** Billable metrics (`/v1/metrics`; the Prometheus `/metrics` at the root is another thing). */
@ApiTags('Catalog')
@Controller('v1/metrics')
export class BillableMetricsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({ operationId: 'createMetric', summary: 'Create a billable metric' })
  @ApiCreatedResponse({ type: MetricResponse })
  @ApiProblems('conflict')
  create(@Body() body: CreateMetricDto, @Ctx() context: RequestContext): Promise<MetricView> {
    return this.commands.execute(
      new CreateMetricCommand({ code: body.code, name: body.name, aggregation: body.aggregation, field: body.field }, context),
    );
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listMetrics', summary: 'List billable metrics, newest first' })
  @ApiPage(MetricResponse)
  @ApiProblems()
  list(@Query() query: PageQuery): Promise<Page<MetricView>> {
    return this.queries.execute(new ListMetricsQuery(pageRequest(query)));
  }

  @Get(':id_or_code')
  @Access('read')
  @ApiOperation({ operationId: 'getMetric', summary: 'Get a billable metric by id or code' })
  @ApiParam({ name: 'id_or_code', description: 'The metric id (`bm_…`) or its code.', example: 'api_calls' })
  @ApiOkResponse({ type: MetricResponse })
  @ApiProblems('not_found')
  get(@Param('id_or_code') idOrCode: string): Promise<MetricView> {
    return this.queries.execute(new GetMetricQuery(idOrCode));
  }
}
