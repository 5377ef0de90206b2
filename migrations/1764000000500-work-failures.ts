import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work that failed and is still failing: a subscription the renewals or the bill run could not process (the
 * rest of its chunk went on without it), or a queued job that threw. A row is removed when the same work
 * later succeeds, so the table is what an operator has to look at; the test clock reports the rows that
 * failed while it was moving.
 */
export class WorkFailures1764000000500 implements MigrationInterface {
  name = 'WorkFailures1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE work_failures (
        task text NOT NULL,
        subject_id text NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        first_failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (task, subject_id)
      );
      CREATE INDEX work_failures_latest ON work_failures (last_failed_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE work_failures`);
  }
}
