import {
  AccountPatch,
  AccountView,
  CreateAccountCommand,
  GetAccountQuery,
  ListAccountsQuery,
  OpenAccountInput,
  UpdateAccountCommand,
} from '@billing/accounts';
import { Access } from '@billing/auth';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto } from './account.request.dto';
import { AccountResponse } from './account.response.dto';

@ApiTags('Accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({ operationId: 'createAccount', summary: 'Create an account' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiProblems('conflict')
  create(@Body() body: CreateAccountDto, @Ctx() context: RequestContext): Promise<AccountView> {
    return this.commands.execute(new CreateAccountCommand(toAccountInput(body) as OpenAccountInput, context));
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listAccounts', summary: 'List accounts, newest first' })
  @ApiPage(AccountResponse)
  @ApiProblems()
  list(@Query() query: ListAccountsQueryDto) {
    return this.queries.execute(new ListAccountsQuery({ email: query.email, externalKey: query.external_key }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getAccount', summary: 'Get an account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<AccountView> {
    return this.queries.execute(new GetAccountQuery(id));
  }

  @Patch(':id')
  @Access('supportWrite')
  @ApiOperation({ operationId: 'updateAccount', summary: 'Update an account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiProblems('not_found', 'conflict')
  update(@Param('id') id: string, @Body() body: UpdateAccountDto, @Ctx() context: RequestContext): Promise<AccountView> {
    return this.commands.execute(new UpdateAccountCommand(id, toAccountInput(body), context));
  }
}

function toAccountInput(body: UpdateAccountDto): AccountPatch {
  return {
    name: body.name,
    email: body.email,
    currency: body.currency,
    timezone: body.timezone,
    country: body.country,
    address: body.address,
    taxExempt: body.tax_exempt,
    taxId: body.tax_id,
    externalKey: body.external_key,
    billCycleDay: body.bill_cycle_day,
    netTermsDays: body.net_terms_days,
    metadata: body.metadata,
  };
}
