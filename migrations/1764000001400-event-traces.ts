import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace (W3C `traceparent`) of the change that raised an event, which the relay continues (null when tracing is off). */
export class EventTraces1764000001400 implements MigrationInterface {
  name = 'EventTraces1764000001400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events ADD COLUMN traceparent text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events DROP COLUMN traceparent`);
  }
}
