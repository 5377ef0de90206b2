import { SUBSCRIBABLE_EVENT_TYPES } from '@billing/webhooks';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
const EVENT_TYPES_DESCRIPTION =
  '`["*"]` for every type (those added later included), or a list of known types; an unknown type is 422 naming it (`event_types[i]`).';

/** The URL and event types are checked by the command (SSRF policy, known types): the 422 names the field at fault. */
export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://example.com/billing/webhooks',
    description:
      'http or https; refused (422) when it resolves to a loopback, private, link-local or metadata address, unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true.',
  })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({
    type: [String],
    example: ['invoice.paid', 'payment.failed'],
    description: EVENT_TYPES_DESCRIPTION,
    enum: ['*', ...SUBSCRIBABLE_EVENT_TYPES],
    enumName: 'WebhookEventFilter',
    isArray: true,
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  event_types: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ERP sync' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Default true.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://example.com/billing/webhooks', description: 'Checked again against the SSRF policy.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({
    type: [String],
    description: EVENT_TYPES_DESCRIPTION,
    enum: ['*', ...SUBSCRIBABLE_EVENT_TYPES],
    enumName: 'WebhookEventFilter',
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  event_types?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'false fails the pending deliveries; true starts afresh with the events raised from then on.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListWebhookDeliveriesQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];
}
