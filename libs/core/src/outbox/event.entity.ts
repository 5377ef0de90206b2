import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The outbox row, kept afterwards as the event log (GET /v1/events). */
@Entity('events')
export class EventEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') type: string;
  @Column('text', { name: 'resource_type' }) resourceType: string;
  @Column('text', { name: 'resource_id' }) resourceId: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'relayed_at', nullable: true }) relayedAt: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
}

export interface EventView {
  id: string;
  type: string;
  created_at: string;
  data: { object: Record<string, unknown> };
}

/** The wire shape shared by GET /v1/events and webhook deliveries. */
export function toEventView(event: EventEntity): EventView {
  return { id: event.id, type: event.type, created_at: event.createdAt.toISOString(), data: { object: event.data } };
}
