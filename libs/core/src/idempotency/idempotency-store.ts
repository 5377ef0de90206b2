import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'in_flight' }
  | { outcome: 'reused_with_other_body' };

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * The Idempotency-Key store, in PostgreSQL so every api instance shares it. A key is claimed by one insert
 * (the primary key decides races), answered later with the first response, and forgotten after 24 hours of
 * wall time.
 */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
  }

  async claim(owner: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await this.dataSource.query(
      `WITH expired AS (
         DELETE FROM idempotency_keys
          WHERE owner = $1 AND key = $2 AND created_at < now() - make_interval(hours => $4)
       )
       INSERT INTO idempotency_keys (owner, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (owner, key) DO NOTHING RETURNING key`,
      [owner, key, fingerprint, IDEMPOTENCY_WINDOW_HOURS],
    );
    if (inserted.length > 0) return { outcome: 'claimed' };
    const rows: { fingerprint: string; status: number | null; body: unknown; expired: boolean }[] =
      await this.dataSource.query(
        `SELECT fingerprint, status, body, created_at < now() - make_interval(hours => $3) AS expired
           FROM idempotency_keys WHERE owner = $1 AND key = $2`,
        [owner, key, IDEMPOTENCY_WINDOW_HOURS],
      );
    const row = rows[0];
    // Deleted or expired between the two statements: the caller may simply try again.
    if (!row || row.expired) return this.claim(owner, key, fingerprint);
    if (row.fingerprint !== fingerprint) return { outcome: 'reused_with_other_body' };
    if (row.status === null) return { outcome: 'in_flight' };
    return { outcome: 'replay', status: row.status, body: row.body };
  }

  async complete(owner: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET status = $3, body = $4 WHERE owner = $1 AND key = $2`, [
      owner,
      key,
      response.status,
      JSON.stringify(response.body ?? null),
    ]);
  }

  /** Forgets a claim whose request failed on our side, so that the client's retry runs again. */
  async release(owner: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND status IS NULL`, [
      owner,
      key,
    ]);
  }
}
