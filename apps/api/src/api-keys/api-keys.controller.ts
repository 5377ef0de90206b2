import {
  Access,
  ApiKeyView,
  CreateApiKeyCommand,
  CreatedApiKeyView,
  GetApiKeyQuery,
  ListApiKeysQuery,
  RevokeApiKeyCommand,
  RevokedApiKeyView,
} from '@billing/auth';
import { RequestContext } from '@billing/kernel';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { IdempotencyOmits } from '../http/idempotency.interceptor';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CreateApiKeyDto } from './api-key.request.dto';
import { ApiKeyResponse, CreatedApiKeyResponse, RevokedApiKeyResponse } from './api-key.response.dto';

@ApiTags('API keys')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('admin')
  @IdempotencyOmits('key')
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the secret is in `key`, shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The new key, with its secret in `key`.' })
  @ApiProblems()
  create(@Body() body: CreateApiKeyDto, @Ctx() context: RequestContext): Promise<CreatedApiKeyView> {
    return this.commands.execute(new CreateApiKeyCommand({ name: body.name, role: body.role }, context));
  }

  @Get()
  @Access('admin')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List the API keys not revoked, newest first' })
  @ApiPage(ApiKeyResponse)
  @ApiProblems()
  list(@Query() query: PageQuery) {
    return this.queries.execute(new ListApiKeysQuery(pageRequest(query)));
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ operationId: 'getApiKey', summary: 'Get an API key (revoked keys are not found)' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, without its secret.' })
  @ApiProblems('not_found')
  get(@Param('id') id: string): Promise<ApiKeyView> {
    return this.queries.execute(new GetApiKeyQuery(id));
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key: from now on it is refused with 401' })
  @ApiOkResponse({ type: RevokedApiKeyResponse, description: 'The revoked key, with `revoked_at`.' })
  @ApiProblems('not_found')
  revoke(@Param('id') id: string, @Ctx() context: RequestContext): Promise<RevokedApiKeyView> {
    return this.commands.execute(new RevokeApiKeyCommand(id, context));
  }
}
