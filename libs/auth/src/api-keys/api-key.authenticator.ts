import { Actor, AppConfig, APP_CONFIG, Role } from '@billing/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { apiKeyPrefix, hashApiKeySecret, newApiKeySecret } from './api-key-secret';

export const BOOTSTRAP_KEY_ID = 'key_bootstrap';

/** Resolves an API key secret to its actor, and makes sure a first super_admin key exists. */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(secret: string): Promise<Actor | null> {
    // last_used_at is written at most once a minute per key, so that reads do not become writes.
    const rows: { id: string; role: Role }[] = await this.dataSource.query(
      `WITH key AS (SELECT id, role FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL),
            touched AS (
              UPDATE api_keys SET last_used_at = now()
               WHERE id = (SELECT id FROM key) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            )
       SELECT id, role FROM key`,
      [hashApiKeySecret(secret)],
    );
    return rows.length ? { type: 'api_key', id: rows[0].id, role: rows[0].role } : null;
  }

  /**
   * BILLING_BOOTSTRAP_API_KEY, when set, is the super_admin key from the first start. Otherwise the first
   * start of a deployment without keys creates one and prints it once.
   */
  async ensureBootstrapKey(): Promise<void> {
    const configured = this.config.bootstrapApiKey;
    if (configured) {
      await this.dataSource.query(
        `INSERT INTO api_keys (id, name, role, prefix, secret_hash) VALUES ($1, 'bootstrap', 'super_admin', $2, $3)
         ON CONFLICT (id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, prefix = EXCLUDED.prefix, revoked_at = NULL`,
        [BOOTSTRAP_KEY_ID, apiKeyPrefix(configured), hashApiKeySecret(configured)],
      );
      return;
    }
    const secret = newApiKeySecret();
    const created: unknown[] = await this.dataSource.query(
      `INSERT INTO api_keys (id, name, role, prefix, secret_hash)
       SELECT $1, 'bootstrap', 'super_admin', $2, $3 WHERE NOT EXISTS (SELECT 1 FROM api_keys)
       ON CONFLICT DO NOTHING RETURNING id`,
      [BOOTSTRAP_KEY_ID, apiKeyPrefix(secret), hashApiKeySecret(secret)],
    );
    if (created.length) {
      this.logger.warn(`Created the first super_admin API key; it is shown only this once: ${secret}`);
    }
  }
}
