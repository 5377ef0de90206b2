import { Access } from '@billing/auth';
import { Page } from '@billing/core';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
// Through the slice's index until libs/invoicing/src/index.ts re-exports it: then `@billing/invoicing`.
import { CreateTaxRateCommand, GetTaxRateQuery, ListTaxRatesQuery, TaxRateView, UpdateTaxRateCommand } from '@billing/invoicing';
import { pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CreateTaxRateDto, ListTaxRatesQueryDto, UpdateTaxRateDto } from './tax-rate.request.dto';
import { TaxRateResponse } from './tax-rate.response.dto';

const ID_PARAM = { name: 'id', description: 'The tax rate id (`txr_…`).', example: 'txr_0Qx2LmA5k1c9XkR2bT7ZpQ' };

@ApiTags('Taxes')
@Controller('v1/tax-rates')
export class TaxRatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({
    operationId: 'createTaxRate',
    summary: 'Create a tax rate',
    description:
      'An account that is not `tax_exempt` gets the active rate of its `country` and `address.region` (else of its country). ' +
      'One active rate per country and region: 409 `tax_rate_exists` while another is active for the same place.',
  })
  @ApiCreatedResponse({ type: TaxRateResponse })
  @ApiProblems('conflict')
  create(@Body() body: CreateTaxRateDto, @Ctx() context: RequestContext): Promise<TaxRateView> {
    const input = {
      name: body.name,
      percentage: body.percentage,
      country: body.country,
      region: body.region,
      inclusive: body.inclusive,
      description: body.description,
    };
    return this.commands.execute(new CreateTaxRateCommand(input, context));
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listTaxRates', summary: 'List tax rates, newest first' })
  @ApiPage(TaxRateResponse)
  @ApiProblems()
  list(@Query() query: ListTaxRatesQueryDto): Promise<Page<TaxRateView>> {
    return this.queries.execute(new ListTaxRatesQuery({ country: query.country, active: query.active }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getTaxRate', summary: 'Get a tax rate' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: TaxRateResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<TaxRateView> {
    return this.queries.execute(new GetTaxRateQuery(id));
  }

  @Patch(':id')
  @Access('billingWrite')
  @ApiOperation({
    operationId: 'updateTaxRate',
    summary: 'Update a tax rate',
    description:
      '`name`, `description` and `active` only. Percentage, country, region and `inclusive` never change, since invoices ' +
      'refer to the rate: create a new rate and deactivate this one (`active: false`) instead.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: TaxRateResponse })
  @ApiProblems('not_found', 'conflict')
  update(@Param('id') id: string, @Body() body: UpdateTaxRateDto, @Ctx() context: RequestContext): Promise<TaxRateView> {
    return this.commands.execute(
      new UpdateTaxRateCommand(id, { name: body.name, description: body.description, active: body.active }, context),
    );
  }
}
