import {
  WebhookAttemptView,
  WebhookDeliveryView,
  WebhookDisabledReason,
  WebhookEndpointView,
  WebhookEndpointWithSecretView,
} from '@billing/webhooks';
import { ApiProperty } from '@nestjs/swagger';

export class WebhookEndpointResponse implements WebhookEndpointView {
  @ApiProperty({ example: 'we_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['webhook_endpoint'], enumName: 'WebhookEndpointObject' }) object: 'webhook_endpoint';
  @ApiProperty({ example: 'https://example.com/billing/webhooks' }) url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], example: ['*'] }) event_types: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({
    enum: ['gone', 'failing', 'manual'],
    enumName: 'WebhookDisabledReason',
    nullable: true,
    description: 'Why it is disabled: a 410 answer (`gone`), every attempt failing for 5 days (`failing`), or a PATCH (`manual`).',
  })
  disabled_reason: WebhookDisabledReason | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse implements WebhookEndpointWithSecretView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown only in this answer.' })
  secret: string;
}

export class WebhookAttemptResponse implements WebhookAttemptView {
  @ApiProperty({ type: 'integer', example: 1 }) attempt: number;
  @ApiProperty({ format: 'date-time', description: 'Billing time.' }) attempted_at: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 200, description: 'Null when no answer came.' }) response_status: number | null;
  @ApiProperty({ type: 'integer', example: 42 }) latency_ms: number;
  @ApiProperty({ type: String, nullable: true, description: "The first 1 KiB of the receiver's answer." }) response_body: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ECONNREFUSED: connect ECONNREFUSED', description: 'Why no answer came.' })
  error: string | null;
}

export class WebhookDeliveryResponse implements WebhookDeliveryView {
  @ApiProperty({ example: 'whd_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['webhook_delivery'] }) object: 'webhook_delivery';
  @ApiProperty() endpoint_id: string;
  @ApiProperty({ example: 'evt_4Qk2…', description: 'The `webhook-id` of every attempt.' }) event_id: string;
  @ApiProperty({ example: 'invoice.paid' }) event_type: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'], enumName: 'WebhookDeliveryStatus' }) status: WebhookDeliveryView['status'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Billing time of the next attempt.' })
  next_attempt_at: string | null;
  @ApiProperty({ type: [WebhookAttemptResponse] }) attempts: WebhookAttemptResponse[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
}
