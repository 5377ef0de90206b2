import { Access } from '@billing/auth';
import { DomainError, RequestContext } from '@billing/kernel';
import {
  CancelSubscriptionCommand,
  ChangeSubscriptionCommand,
  CreateSubscriptionCommand,
  GetSubscriptionQuery,
  ListBillingEventsQuery,
  ListSubscriptionsQuery,
  PauseSubscriptionCommand,
  ResumeSubscriptionCommand,
  SubscriptionView,
} from '@billing/subscriptions';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pageRequest } from '../http/pagination.dto';
import { NoBodyDto } from '../http/no-body.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import {
  CancelSubscriptionDto,
  ChangeSubscriptionDto,
  CreateSubscriptionDto,
  ListSubscriptionsQueryDto,
  PauseSubscriptionDto,
} from './subscription.request.dto';
import { BillingEventsResponse, SubscriptionResponse } from './subscription.response.dto';

@ApiTags('Subscriptions')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({ operationId: 'createSubscription', summary: 'Subscribe an account to a plan' })
  @ApiCreatedResponse({ type: SubscriptionResponse })
  @ApiProblems()
  create(@Body() body: CreateSubscriptionDto, @Ctx() context: RequestContext): Promise<SubscriptionView> {
    return this.commands.execute(
      new CreateSubscriptionCommand(
        {
          accountId: body.account_id,
          planId: body.plan_id,
          planCode: body.plan_code,
          quantity: body.quantity ?? 1,
          startAt: body.start_at ? new Date(body.start_at) : undefined,
          trialDays: body.trial_days,
          metadata: body.metadata,
        },
        context,
      ),
    );
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listSubscriptions', summary: 'List subscriptions, newest first' })
  @ApiPage(SubscriptionResponse)
  @ApiProblems()
  list(@Query() query: ListSubscriptionsQueryDto) {
    return this.queries.execute(new ListSubscriptionsQuery({ accountId: query.account_id, status: query.status }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getSubscription', summary: 'Get a subscription' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<SubscriptionView> {
    return this.queries.execute(new GetSubscriptionQuery(id));
  }

  @Get(':id/billing-events')
  @Access('read')
  @ApiOperation({
    operationId: 'listSubscriptionBillingEvents',
    summary: 'The billing events of a subscription (fees, proration, lifecycle), oldest first',
  })
  @ApiOkResponse({ type: BillingEventsResponse })
  @ApiProblems('not_found')
  billingEvents(@Param('id') id: string) {
    return this.queries.execute(new ListBillingEventsQuery(id));
  }

  @Post(':id/change')
  @HttpCode(200)
  @Access('billingWrite')
  @ApiOperation({ operationId: 'changeSubscription', summary: 'Change the plan or quantity, now (prorated) or at period end' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblems('not_found', 'conflict')
  change(@Param('id') id: string, @Body() body: ChangeSubscriptionDto, @Ctx() context: RequestContext): Promise<SubscriptionView> {
    if (!body.plan_id && !body.plan_code && body.quantity === undefined) {
      throw new DomainError('validation', 'validation_failed', 'Name a new plan, a new quantity, or both.', [
        { field: 'plan_id', message: 'plan_id, plan_code or quantity is required' },
      ]);
    }
    return this.commands.execute(
      new ChangeSubscriptionCommand(
        id,
        {
          planId: body.plan_id,
          planCode: body.plan_code,
          quantity: body.quantity,
          timing: body.timing ?? 'immediate',
          proration: body.proration ?? 'prorate',
        },
        context,
      ),
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access('supportWrite')
  @ApiOperation({ operationId: 'cancelSubscription', summary: 'Cancel now (optionally crediting unused time) or at period end' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblems('not_found', 'conflict')
  cancel(@Param('id') id: string, @Body() body: CancelSubscriptionDto, @Ctx() context: RequestContext): Promise<SubscriptionView> {
    return this.commands.execute(new CancelSubscriptionCommand(id, body.timing ?? 'end_of_period', body.proration ?? 'prorate', context));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Access('supportWrite')
  @ApiOperation({ operationId: 'pauseSubscription', summary: 'Pause billing, now (crediting unused days) or at period end' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblems('not_found', 'conflict')
  pause(@Param('id') id: string, @Body() body: PauseSubscriptionDto, @Ctx() context: RequestContext): Promise<SubscriptionView> {
    return this.commands.execute(new PauseSubscriptionCommand(id, body.timing ?? 'end_of_period', context));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Access('supportWrite')
  @ApiOperation({ operationId: 'resumeSubscription', summary: 'Resume a paused subscription on a new period, billed now' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiProblems('not_found', 'conflict')
  resume(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext): Promise<SubscriptionView> {
    return this.commands.execute(new ResumeSubscriptionCommand(id, context));
  }
}
