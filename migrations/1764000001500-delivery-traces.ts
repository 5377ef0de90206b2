import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace (W3C `traceparent`) of a delivery's event, which each attempt continues (null when tracing was off). */
export class DeliveryTraces1764000001500 implements MigrationInterface {
  name = 'DeliveryTraces1764000001500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_deliveries ADD COLUMN traceparent text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_deliveries DROP COLUMN traceparent`);
  }
}
