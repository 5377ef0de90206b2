import { Access } from '@billing/auth';
import { RequestContext } from '@billing/kernel';
import {
  CreateWebhookEndpointCommand,
  DeleteWebhookEndpointCommand,
  GetWebhookEndpointQuery,
  ListWebhookDeliveriesQuery,
  ListWebhookEndpointsQuery,
  RetryWebhookDeliveryCommand,
  RotateWebhookSecretCommand,
  SendTestWebhookCommand,
  UpdateWebhookEndpointCommand,
} from '@billing/webhooks';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotencyOmits } from '../http/idempotency.interceptor';
import { NoBodyDto } from '../http/no-body.dto';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CreateWebhookEndpointDto, ListWebhookDeliveriesQueryDto, UpdateWebhookEndpointDto } from './webhook-endpoint.request.dto';
import { WebhookDeliveryResponse, WebhookEndpointResponse, WebhookEndpointWithSecretResponse } from './webhook-endpoint.response.dto';

/** Webhook endpoints (super_admin only: an endpoint receives every customer's data). */
@ApiTags('Webhooks')
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('admin')
  @IdempotencyOmits('secret')
  @ApiOperation({
    operationId: 'createWebhookEndpoint',
    summary: 'Register a webhook endpoint; its signing secret is in `secret`, shown only in this answer',
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiProblems()
  create(@Body() body: CreateWebhookEndpointDto, @Ctx() context: RequestContext) {
    return this.commands.execute(
      new CreateWebhookEndpointCommand(
        { url: body.url, eventTypes: body.event_types, description: body.description ?? null, enabled: body.enabled ?? true },
        context,
      ),
    );
  }

  @Get()
  @Access('admin')
  @ApiOperation({ operationId: 'listWebhookEndpoints', summary: 'List webhook endpoints, newest first' })
  @ApiPage(WebhookEndpointResponse)
  @ApiProblems()
  list(@Query() query: PageQuery) {
    return this.queries.execute(new ListWebhookEndpointsQuery(pageRequest(query)));
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'Get a webhook endpoint (without its secret)' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetWebhookEndpointQuery(id));
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({ operationId: 'updateWebhookEndpoint', summary: "Change a webhook endpoint's url, event types, description or enabled" })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiProblems('not_found')
  update(@Param('id') id: string, @Body() body: UpdateWebhookEndpointDto, @Ctx() context: RequestContext) {
    return this.commands.execute(
      new UpdateWebhookEndpointCommand(
        id,
        { url: body.url, eventTypes: body.event_types, description: body.description, enabled: body.enabled },
        context,
      ),
    );
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'deleteWebhookEndpoint', summary: 'Delete a webhook endpoint and its deliveries' })
  @ApiOkResponse({ type: WebhookEndpointResponse, description: 'The endpoint as it was.' })
  @ApiProblems('not_found')
  delete(@Param('id') id: string, @Ctx() context: RequestContext) {
    return this.commands.execute(new DeleteWebhookEndpointCommand(id, context));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Access('admin')
  @IdempotencyOmits('secret')
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Issue a new signing secret; the previous one keeps signing for 24 hours (both signatures in webhook-signature)',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponse })
  @ApiProblems('not_found')
  rotateSecret(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new RotateWebhookSecretCommand(id, context));
  }

  @Post(':id/test')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ operationId: 'sendTestWebhook', summary: 'Send a webhook.test event to this endpoint (whatever its event types)' })
  @ApiOkResponse({ type: WebhookDeliveryResponse, description: 'The delivery, pending.' })
  @ApiProblems('not_found', 'conflict')
  test(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new SendTestWebhookCommand(id, context));
  }

  @Get(':id/deliveries')
  @Access('admin')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "An endpoint's deliveries, newest first, with their attempts" })
  @ApiPage(WebhookDeliveryResponse)
  @ApiProblems('not_found')
  deliveries(@Param('id') id: string, @Query() query: ListWebhookDeliveriesQueryDto) {
    return this.queries.execute(new ListWebhookDeliveriesQuery(id, query.status, pageRequest(query)));
  }
}

@ApiTags('Webhooks')
@Controller('v1/webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/retry')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ operationId: 'retryWebhookDelivery', summary: 'Attempt a delivery again now, outside its retry schedule' })
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  @ApiProblems('not_found', 'conflict')
  retry(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new RetryWebhookDeliveryCommand(id, context));
  }
}
