import { apiKeyPrefix, BOOTSTRAP_KEY_ID, hashApiKeySecret, newApiKeySecret } from './api-key-secret';

/** A raw SQL query answering its rows: TypeORM's DataSource.query, or a pg Client's query adapted. */
export type SqlQuery = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/**
 * Creates the deployment's first super_admin key when it has no key at all, and returns its secret to show
 * once; null when keys exist. Shared by the api and `npm start`, which creates it before the api starts so
 * that it can show it after the api listens (or withdraw it when the api fails to start).
 */
export async function createFirstApiKey(query: SqlQuery): Promise<string | null> {
  const secret = newApiKeySecret();
  const created = await query(
    `INSERT INTO api_keys (id, name, role, prefix, secret_hash)
     SELECT $1, 'bootstrap', 'super_admin', $2, $3 WHERE NOT EXISTS (SELECT 1 FROM api_keys)
     ON CONFLICT DO NOTHING RETURNING id`,
    [BOOTSTRAP_KEY_ID, apiKeyPrefix(secret), hashApiKeySecret(secret)],
  );
  return created.length ? secret : null;
}

/** Removes a first key that nobody was shown (nor used), so that the next start makes and shows a new one. */
export async function withdrawFirstApiKey(query: SqlQuery, secret: string): Promise<void> {
  await query(`DELETE FROM api_keys WHERE id = $1 AND secret_hash = $2 AND last_used_at IS NULL`, [
    BOOTSTRAP_KEY_ID,
    hashApiKeySecret(secret),
  ]);
}
