import { createHash } from 'node:crypto';
import { IdempotentAnswer } from '@billing/kernel';
import { DataSource, EntityManager } from 'typeorm';

export const IDEMPOTENCY_WINDOW_HOURS = 24;
/**
 * How long a claim holds its key while its request runs. Longer than any request may take (the request
 * and database timeouts end one well before), so a key whose request died with its process is free again
 * after it, instead of answering 409 for a day.
 */
export const DEFAULT_IDEMPOTENCY_LEASE_SECONDS = 60;

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
 * (the primary key decides races) with a lease, answered with the first response, and forgotten after 24
 * hours of wall time. A claim whose lease ran out without an answer (its process died before committing)
 * is taken over by the next request with the key.
 */
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leaseSeconds = DEFAULT_IDEMPOTENCY_LEASE_SECONDS,
  ) {}

  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
  }

  async claim(owner: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (owner, key, fingerprint, locked_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $5))
       ON CONFLICT (owner, key) DO UPDATE
          SET fingerprint = excluded.fingerprint, status = NULL, body = NULL, created_at = now(), locked_until = excluded.locked_until
        WHERE k.created_at < now() - make_interval(hours => $4) OR (k.status IS NULL AND k.locked_until < now())
       RETURNING key`,
      [owner, key, fingerprint, IDEMPOTENCY_WINDOW_HOURS, this.leaseSeconds],
    );
    if (claimed.length > 0) return { outcome: 'claimed' };
    const rows: { fingerprint: string; status: number | null; body: unknown }[] = await this.dataSource.query(
      `SELECT fingerprint, status, body FROM idempotency_keys WHERE owner = $1 AND key = $2`,
      [owner, key],
    );
    const row = rows[0];
    // Deleted between the two statements: the caller may simply try again.
    if (!row) return this.claim(owner, key, fingerprint);
    if (row.fingerprint !== fingerprint) return { outcome: 'reused_with_other_body' };
    if (row.status === null) return { outcome: 'in_flight' };
    return { outcome: 'replay', status: row.status, body: row.body };
  }

  async complete(owner: string, key: string, response: StoredResponse): Promise<void> {
    await storeAnswer(this.dataSource.manager, owner, key, response);
  }

  /** Forgets a claim whose request failed on our side, so that the client's retry runs again. */
  async release(owner: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND status IS NULL`, [owner, key]);
  }
}

/**
 * Stores the answer of a keyed request in the caller's transaction: the command's, with its change. Answers
 * the JSON stored.
 */
export function storeIdempotentAnswer(manager: EntityManager, answer: IdempotentAnswer, body: unknown): Promise<string> {
  return storeAnswer(manager, answer.owner, answer.key, { status: answer.status, body: withoutFields(body, answer.omit) });
}

/** The JSON the store keeps for an answer's body (what `storeIdempotentAnswer` answers for the same body). */
export function storedAnswerJson(body: unknown, omit: readonly string[]): string {
  return JSON.stringify(withoutFields(body, omit) ?? null);
}

export function withoutFields(body: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0 || typeof body !== 'object' || body === null) return body;
  return Object.fromEntries(Object.entries(body).filter(([field]) => !fields.includes(field)));
}

async function storeAnswer(manager: EntityManager, owner: string, key: string, response: StoredResponse): Promise<string> {
  const json = JSON.stringify(response.body ?? null);
  await manager.query(`UPDATE idempotency_keys SET status = $3, body = $4 WHERE owner = $1 AND key = $2`, [
    owner,
    key,
    response.status,
    json,
  ]);
  return json;
}
