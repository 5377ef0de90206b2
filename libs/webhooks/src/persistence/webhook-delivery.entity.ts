import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The webhook_deliveries row, mapped for the deliveries list only (the hot paths are SQL in webhook-deliveries.ts). */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'endpoint_id' }) endpointId: string;
  @Column('text', { name: 'event_id' }) eventId: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text') status: 'pending' | 'succeeded' | 'failed';
  @Column('integer') attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
