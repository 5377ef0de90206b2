import { AppConfig, APP_CONFIG } from '@billing/core';
import { Actor, Role } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BOOTSTRAP_KEY_ID, bootstrapKeyPrefix, hashApiKeySecret } from './api-key-secret';
import { createFirstApiKey } from './first-api-key';

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
   * start of a deployment without keys creates one and prints it once (`npm start` creates it itself, to
   * show it after the api listens).
   */
  async ensureBootstrapKey(): Promise<void> {
    const configured = this.config.bootstrapApiKey;
    if (!configured) {
      const secret = await createFirstApiKey((sql, parameters) => this.dataSource.query(sql, parameters));
      if (secret) this.logger.warn(`Created the first super_admin API key; it is shown only this once: ${secret}`);
      return;
    }
    // A changed value replaces the key, but a revoked one stays revoked: the variable stays set across
    // restarts, and bringing the key back at each start would undo the revocation without anyone noticing.
    // (A revoked row still gets the new-style prefix when the value is the revoked key's.)
    const rows: { revoked_at: Date | null }[] = await this.dataSource.query(
      `INSERT INTO api_keys (id, name, role, prefix, secret_hash) VALUES ($1, 'bootstrap', 'super_admin', $2, $3)
       ON CONFLICT (id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, prefix = EXCLUDED.prefix
        WHERE api_keys.revoked_at IS NULL OR api_keys.secret_hash = EXCLUDED.secret_hash
       RETURNING revoked_at`,
      [BOOTSTRAP_KEY_ID, bootstrapKeyPrefix(configured), hashApiKeySecret(configured)],
    );
    if (rows.length === 0 || rows[0].revoked_at !== null) {
      this.logger.error(
        `BILLING_BOOTSTRAP_API_KEY is ignored: the bootstrap key (${BOOTSTRAP_KEY_ID}) was revoked, and it stays revoked ` +
          'whatever the variable says. Unset the variable; a super_admin creates keys with POST /v1/api-keys.',
      );
    }
  }
}
