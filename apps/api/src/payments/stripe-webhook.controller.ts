import { Public } from '@billing/auth';
import { HandleStripeEventCommand, StripeEventReceipt } from '@billing/payments';
import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RAW_BODY } from '../http/json-body';
import { problemContent, ProblemSchema } from '../openapi/schemas';

/**
 * `POST /webhooks/stripe`: Stripe's own events, authenticated by their `Stripe-Signature` alone (`@Public()`: no
 * API credential, and so no rate limit, which the guard applies to credentials). The body is kept as received
 * (`RAW_BODY`, see json-body.ts) because the signature signs those bytes; it is verified before anything is
 * parsed, then processed once per event id (HandleStripeEventCommand). Documented in the OpenAPI document as
 * what it is: an endpoint that Stripe calls, with no security scheme.
 */
@ApiTags('Webhooks')
@ApiExtraModels(ProblemSchema)
@Controller('webhooks/stripe')
@Public()
export class StripeWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @RouteConfig(RAW_BODY)
  @ApiOperation({
    operationId: 'receiveStripeWebhook',
    summary: 'Receive a Stripe event (called by Stripe, verified with STRIPE_WEBHOOK_SECRET)',
    description:
      'Verifies `Stripe-Signature` over the exact body (HMAC-SHA256 with STRIPE_WEBHOOK_SECRET, at most 300 s old), then ' +
      'processes the event once per id: `payment_intent.succeeded` and `payment_intent.payment_failed` settle the payment ' +
      'whose PaymentIntent it is (a late failure never undoes a success); other types are acknowledged and ignored.',
    security: [],
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`' })
  @ApiBody({
    description: 'A Stripe event, as Stripe sends it.',
    schema: {
      type: 'object',
      required: ['id', 'type', 'data'],
      properties: {
        id: { type: 'string', example: 'evt_1NG8Du2eZvKYlo2CUI79vXWy' },
        type: { type: 'string', example: 'payment_intent.succeeded' },
        data: { type: 'object' },
      },
    },
  })
  @ApiOkResponse({
    description: 'Processed, or a duplicate of an event processed before (`duplicate: true`), or a type that is ignored.',
    schema: {
      type: 'object',
      required: ['received', 'id', 'type', 'duplicate'],
      properties: {
        received: { type: 'boolean', example: true },
        id: { type: 'string', example: 'evt_1NG8Du2eZvKYlo2CUI79vXWy' },
        type: { type: 'string', example: 'payment_intent.succeeded' },
        duplicate: { type: 'boolean', example: false },
      },
    },
  })
  @ApiBadRequestResponse({
    description:
      'Missing, invalid or stale (over 300 s) signature: codes `missing_signature`, `invalid_signature`, `stale_signature`; `malformed_json`, `malformed_event`.',
    content: problemContent,
  })
  @ApiServiceUnavailableResponse({
    description: 'STRIPE_WEBHOOK_SECRET is not set (code `stripe_webhooks_not_configured`).',
    content: problemContent,
  })
  receive(@Req() request: FastifyRequest, @Headers('stripe-signature') signature: string | undefined): Promise<StripeEventReceipt> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.commands.execute(new HandleStripeEventCommand(body, signature));
  }
}
