import { AnalyticsRequest, GetChurnQuery, GetLtvQuery, GetMrrQuery, RebuildSnapshotsCommand } from '@billing/analytics';
import { Access } from '@billing/auth';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/schemas';
import { AnalyticsQueryDto, RebuildAnalyticsDto } from './analytics.request.dto';
import { ChurnSeriesResponse, LtvSeriesResponse, MrrSeriesResponse, RebuildResponse } from './analytics.response.dto';

/** Figures are read from the daily snapshots the scheduler computes, never from the subscriptions per request. */
@ApiTags('Analytics')
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('mrr')
  @Access('read')
  @ApiOperation({
    operationId: 'getMrr',
    summary: 'MRR and its movements (new, expansion, contraction, churn, reactivation) per day or month',
  })
  @ApiOkResponse({ type: MrrSeriesResponse })
  @ApiProblems()
  mrr(@Query() query: AnalyticsQueryDto) {
    return this.queries.execute(new GetMrrQuery(request(query)));
  }

  @Get('churn')
  @Access('read')
  @ApiOperation({ operationId: 'getChurn', summary: 'Logo churn and revenue churn per day or month' })
  @ApiOkResponse({ type: ChurnSeriesResponse })
  @ApiProblems()
  churn(@Query() query: AnalyticsQueryDto) {
    return this.queries.execute(new GetChurnQuery(request(query)));
  }

  @Get('ltv')
  @Access('read')
  @ApiOperation({ operationId: 'getLtv', summary: 'ARPA, revenue churn averaged over 3 months, and LTV per day or month' })
  @ApiOkResponse({ type: LtvSeriesResponse })
  @ApiProblems()
  ltv(@Query() query: AnalyticsQueryDto) {
    return this.queries.execute(new GetLtvQuery(request(query)));
  }

  @Post('rebuild')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({
    operationId: 'rebuildAnalytics',
    summary: "Compute the snapshots of a range of days again from the subscriptions' history",
  })
  @ApiOkResponse({ type: RebuildResponse })
  @ApiProblems()
  rebuild(@Body() body: RebuildAnalyticsDto) {
    return this.commands.execute(new RebuildSnapshotsCommand({ from: body.from, to: body.to }));
  }
}

function request(query: AnalyticsQueryDto): AnalyticsRequest {
  return { from: query.from, to: query.to, interval: query.interval ?? 'day', currency: query.currency };
}
