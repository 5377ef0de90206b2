import { Access } from '@billing/auth';
import { GetDunningPolicyQuery, UpdateDunningPolicyCommand } from '@billing/dunning';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../http/request-context';
import { ApiProblems } from '../openapi/schemas';
import { UpdateDunningPolicyDto } from './dunning-policy.request.dto';
import { DunningPolicyResponse } from './dunning-policy.response.dto';

@ApiTags('Dunning')
@Controller('v1/dunning-policy')
export class DunningPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'getDunningPolicy', summary: 'Get the dunning policy: payment retries and overdue steps' })
  @ApiOkResponse({ type: DunningPolicyResponse })
  @ApiProblems()
  get() {
    return this.queries.execute(new GetDunningPolicyQuery());
  }

  @Put()
  @Access('admin')
  @ApiOperation({
    operationId: 'updateDunningPolicy',
    summary: 'Replace the dunning policy; every open case follows it from its next evaluation',
  })
  @ApiOkResponse({ type: DunningPolicyResponse })
  @ApiProblems()
  update(@Body() body: UpdateDunningPolicyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(
      new UpdateDunningPolicyCommand(
        {
          retryScheduleDays: body.retry_schedule_days,
          steps: body.steps.map((step) => ({ afterDays: step.after_days, action: step.action })),
        },
        context,
      ),
    );
  }
}
