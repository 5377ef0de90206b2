import { EntityManager } from 'typeorm';
import type { WebhookDisabledReason, WebhookEndpointRecord } from '../queries/webhook-endpoint.view';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** Endpoint updates the delivery path makes, set-based over a batch of attempts. */
export const WebhookEndpoints = {
  async find(manager: EntityManager, id: string, lock = false): Promise<WebhookEndpointRecord | null> {
    return manager
      .getRepository(WebhookEndpointEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  },

  /**
   * The failing streaks after a batch: an endpoint with a success in it is not failing; one with failures only
   * is failing since its streak's start, or since the batch's first failure. Rows whose streak does not change
   * are not written.
   */
  async updateStreaks(manager: EntityManager, streaks: readonly { endpointId: string; failingSince: Date | null }[]): Promise<void> {
    if (streaks.length === 0) return;
    await manager.query(
      `UPDATE webhook_endpoints e SET failing_since = CASE WHEN s.failing_since IS NULL THEN NULL ELSE coalesce(e.failing_since, s.failing_since) END
       FROM unnest($1::text[], $2::timestamptz[]) AS s(id, failing_since)
       WHERE e.id = s.id AND (e.failing_since IS NULL) <> (s.failing_since IS NULL)`,
      [streaks.map((s) => s.endpointId), streaks.map((s) => s.failingSince)],
    );
  },

  /** Disables enabled endpoints; answers those it disabled (one already disabled is left as it is). */
  async disable(
    manager: EntityManager,
    disables: readonly { endpointId: string; reason: WebhookDisabledReason }[],
    at: Date,
  ): Promise<WebhookEndpointRecord[]> {
    if (disables.length === 0) return [];
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE webhook_endpoints e SET enabled = false, disabled_reason = d.reason, failing_since = NULL, updated_at = $3
       FROM (SELECT DISTINCT ON (id) * FROM unnest($1::text[], $2::text[]) AS d(id, reason)) d
       WHERE e.id = d.id AND e.enabled
       RETURNING e.id`,
      [disables.map((d) => d.endpointId), disables.map((d) => d.reason), at],
    );
    if (rows.length === 0) return [];
    return manager.getRepository(WebhookEndpointEntity).findBy(rows.map((row) => ({ id: row.id })));
  },
};
