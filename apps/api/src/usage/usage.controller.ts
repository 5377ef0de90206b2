import { Access, RateLimit } from '@billing/auth';
import { RequestContext } from '@billing/kernel';
import { IngestResult, IngestUsageCommand, USAGE_BATCH_SCHEMA } from '@billing/usage';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, SchemaObject } from '@nestjs/swagger';
import { Ctx } from '../http/request-context';
import { ApiProblems } from '../openapi/schemas';
import { UsageBatchResponse } from './usage.response.dto';

/**
 * Usage ingestion: the raw body goes to the command, which checks the whole batch with a compiled JSON
 * schema (no DTO class instantiated per event on this hot path). Its own hourly limit per credential
 * (USAGE_RATE_LIMIT_PER_HOUR), apart from the API's.
 */
@ApiTags('Usage')
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(202)
  @Access('billingWrite')
  @RateLimit('usage')
  @ApiOperation({
    operationId: 'ingestUsage',
    summary: 'Record a batch of 1–1000 usage events',
    description:
      'Atomic: if any event is invalid, the answer is 422 naming each failing field (`events[3].metric_code`) and ' +
      'nothing is stored. An event `id` already stored is not stored again and is counted in `duplicates`.',
  })
  @ApiBody({ schema: USAGE_BATCH_SCHEMA as unknown as SchemaObject })
  @ApiAcceptedResponse({ type: UsageBatchResponse })
  @ApiPayloadTooLargeResponse({ description: 'The body exceeds 1 MiB (problem+json, code `payload_too_large`).' })
  @ApiProblems()
  ingest(@Body() body: unknown, @Ctx() context: RequestContext): Promise<IngestResult> {
    return this.commands.execute(new IngestUsageCommand(body, context));
  }
}
