import { AppConfig, APP_CONFIG } from '@billing/core';
import { Actor, Role } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BOOTSTRAP_KEY_ID, bootstrapKeyPrefix, hashApiKeySecret } from './api-key-secret';
import { createFirstApiKey } from './first-api-key';

/**
 * How long a verified key is trusted without asking the database again. A key revoked through this process
 * is forgotten at once; one revoked through another api instance stops working here within this time.
 */
export const VERIFIED_KEY_TTL_MS = 1000;
/** Verified keys remembered at most (a deployment has a handful; the bound only keeps memory in check). */
const MAX_VERIFIED_KEYS = 10_000;

/**
 * Resolves an API key secret to its actor, and makes sure a first super_admin key exists. A key found valid
 * is remembered for {@link VERIFIED_KEY_TTL_MS}, so that a busy client costs one lookup a second rather than
 * one per request; unknown and revoked secrets are never remembered.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeys');
  /** By secret hash: the actor and until when it is trusted. */
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(secret: string): Promise<Actor | null> {
    const hash = hashApiKeySecret(secret);
    const now = Date.now();
    const known = this.verified.get(hash);
    if (known && known.until > now) return known.actor;
    const actor = await this.lookUp(hash);
    if (!actor) {
      this.verified.delete(hash);
      return null;
    }
    if (this.verified.size >= MAX_VERIFIED_KEYS) this.forgetExpired(now);
    if (this.verified.size < MAX_VERIFIED_KEYS) this.verified.set(hash, { actor, until: now + VERIFIED_KEY_TTL_MS });
    return actor;
  }

  /** Stops trusting a key at once (it was revoked through this process). */
  forget(keyId: string): void {
    for (const [hash, { actor }] of this.verified) if (actor.id === keyId) this.verified.delete(hash);
  }

  private forgetExpired(now: number) {
    for (const [hash, { until }] of this.verified) if (until <= now) this.verified.delete(hash);
  }

  private async lookUp(hash: string): Promise<Actor | null> {
    // last_used_at is written at most once a minute per key, so that reads do not become writes.
    const rows: { id: string; role: Role }[] = await this.dataSource.query(
      `WITH key AS (SELECT id, role FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL),
            touched AS (
              UPDATE api_keys SET last_used_at = now()
               WHERE id = (SELECT id FROM key) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            )
       SELECT id, role FROM key`,
      [hash],
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
