import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key claim holds its key only for a lease: a request that died with its process (before it
 * committed anything) no longer leaves its key answering 409 for a day. Keys become per credential type
 * (`api_key:<id>`, `jwt:<sub>`): old claims, owned by a bare id, simply expire.
 */
export class IdempotencyLease1764000000800 implements MigrationInterface {
  name = 'IdempotencyLease1764000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN locked_until timestamptz(3) NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN locked_until`);
  }
}
