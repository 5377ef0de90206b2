import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events not yet delivered to every subscriber, by seq: the test clock counts them every few milliseconds
 * while it waits, and a bill run leaves hundreds of thousands of delivered events behind; the partial index
 * keeps that count proportional to what is pending, not to the event log.
 */
export class UndeliveredEvents1764000000900 implements MigrationInterface {
  name = 'UndeliveredEvents1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX events_undelivered ON events (seq) WHERE delivered_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_undelivered`);
  }
}
