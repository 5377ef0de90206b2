import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WebhookSecret } from '../domain/secrets';
import type { WebhookDisabledReason, WebhookEndpointRecord } from '../queries/webhook-endpoint.view';

interface StoredSecret {
  secret: string;
  created_at: string;
  expires_at: string | null;
}

/** Secrets are stored as JSON with ISO instants; the record reads Dates. */
export const secretsColumn = {
  to: (secrets: WebhookSecret[]): StoredSecret[] =>
    secrets.map((secret) => ({
      secret: secret.secret,
      created_at: secret.createdAt.toISOString(),
      expires_at: secret.expiresAt?.toISOString() ?? null,
    })),
  from: (stored: StoredSecret[]): WebhookSecret[] =>
    stored.map((secret) => ({
      secret: secret.secret,
      createdAt: new Date(secret.created_at),
      expiresAt: secret.expires_at === null ? null : new Date(secret.expires_at),
    })),
};

/** The webhook_endpoints row: endpoints are few, so the ORM serves their reads and writes. */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity implements WebhookEndpointRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') url: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { name: 'event_types', array: true }) eventTypes: string[];
  @Column('boolean') enabled: boolean;
  @Column('text', { name: 'disabled_reason', nullable: true }) disabledReason: WebhookDisabledReason | null;
  @Column('jsonb', { transformer: secretsColumn }) secrets: WebhookSecret[];
  @Column('timestamptz', { name: 'failing_since', nullable: true }) failingSince: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
