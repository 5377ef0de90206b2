import { Access } from '@billing/auth';
import { CurrentUsageView, GetCurrentUsageQuery } from '@billing/usage';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/schemas';
import { CurrentUsageResponse } from './usage.response.dto';

@ApiTags('Subscriptions')
@Controller('v1/subscriptions')
export class SubscriptionUsageController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/usage')
  @Access('read')
  @ApiOperation({
    operationId: 'getSubscriptionUsage',
    summary: "The current period's usage per metric, with the amount so far",
  })
  @ApiOkResponse({ type: CurrentUsageResponse })
  @ApiProblems('not_found')
  usage(@Param('id') id: string): Promise<CurrentUsageView> {
    return this.queries.execute(new GetCurrentUsageQuery(id));
  }
}
