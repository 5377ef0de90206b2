import { ChargeInput, CreatePlanCommand, GetPlanQuery, ListPlansQuery, PlanPatch, PlanView, UpdatePlanCommand } from '@billing/catalog';
import { Access } from '@billing/auth';
import { Page } from '@billing/core';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CHARGE_PRICE_SCHEMAS, ChargeDto, CreatePlanDto, PlanPriceDto, UpdatePlanDto } from './plan.request.dto';
import { CHARGE_PRICE_RESPONSE_SCHEMAS, PlanResponse } from './plan.response.dto';

@ApiTags('Catalog')
@ApiExtraModels(...CHARGE_PRICE_SCHEMAS, ...CHARGE_PRICE_RESPONSE_SCHEMAS)
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({ operationId: 'createPlan', summary: 'Create a plan' })
  @ApiCreatedResponse({ type: PlanResponse })
  @ApiProblems('conflict')
  create(@Body() body: CreatePlanDto, @Ctx() context: RequestContext): Promise<PlanView> {
    const input = {
      code: body.code,
      name: body.name,
      description: body.description,
      interval: body.interval,
      intervalCount: body.interval_count,
      trialDays: body.trial_days,
      prices: toPrices(body.prices),
      charges: body.charges && toCharges(body.charges),
      metadata: body.metadata,
    };
    return this.commands.execute(new CreatePlanCommand(input, context));
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listPlans', summary: 'List plans, newest first' })
  @ApiPage(PlanResponse)
  @ApiProblems()
  list(@Query() query: PageQuery): Promise<Page<PlanView>> {
    return this.queries.execute(new ListPlansQuery(pageRequest(query)));
  }

  @Get(':id_or_code')
  @Access('read')
  @ApiOperation({ operationId: 'getPlan', summary: 'Get a plan by id or code' })
  @ApiParam({ name: 'id_or_code', description: 'The plan id (`plan_…`) or its code.', example: 'pro_monthly' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiProblems('not_found')
  get(@Param('id_or_code') idOrCode: string): Promise<PlanView> {
    return this.queries.execute(new GetPlanQuery(idOrCode));
  }

  @Patch(':id_or_code')
  @Access('billingWrite')
  @ApiOperation({
    operationId: 'updatePlan',
    summary: 'Update a plan',
    description:
      '`name`, `description` and `metadata` change at any time; `prices` and `charges` only while no subscription ' +
      'uses the plan (409 `plan_in_use` otherwise: create a new plan and move the subscriptions to it).',
  })
  // One path template with GET (OpenAPI forbids paths that differ only by parameter name).
  @ApiParam({ name: 'id_or_code', description: 'The plan id (`plan_…`) or its code.', example: 'pro_monthly' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiProblems('not_found', 'conflict')
  update(@Param('id_or_code') id: string, @Body() body: UpdatePlanDto, @Ctx() context: RequestContext): Promise<PlanView> {
    const patch: PlanPatch = {
      name: body.name,
      description: body.description,
      metadata: body.metadata,
      prices: body.prices && toPrices(body.prices),
      charges: body.charges && toCharges(body.charges),
    };
    return this.commands.execute(new UpdatePlanCommand(id, patch, context));
  }
}

function toPrices(prices: PlanPriceDto[]) {
  return prices.map((price) => ({ currency: price.currency, amount: price.amount }));
}

function toCharges(charges: ChargeDto[]): ChargeInput[] {
  return charges.map((charge) => ({
    metricCode: charge.metric_code,
    model: charge.model,
    prices: charge.prices.map((price) => ({
      currency: price.currency,
      unitAmount: price.unit_amount,
      tiers: price.tiers?.map((tier) => ({ upTo: tier.up_to, unitAmount: tier.unit_amount, flatAmount: tier.flat_amount })),
      packageSize: price.package_size,
      packageAmount: price.package_amount,
    })),
  }));
}
