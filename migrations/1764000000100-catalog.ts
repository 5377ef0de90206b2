import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog: billable metrics, plans, their recurring prices (one row per currency) and their usage
 * charges (one row per metric, the model's prices as jsonb in the API's spelling). Unique constraints are
 * named so that the handlers map them to 409 `metric_code_taken` / `plan_code_taken`.
 */
export class Catalog1764000000100 implements MigrationInterface {
  name = 'Catalog1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE metrics (
        id text PRIMARY KEY,
        code text NOT NULL CONSTRAINT metrics_code_unique UNIQUE,
        name text NOT NULL,
        aggregation text NOT NULL CHECK (aggregation IN ('count', 'sum', 'max', 'unique_count', 'latest')),
        field text,
        created_at timestamptz(3) NOT NULL,
        CONSTRAINT metrics_field_fits_aggregation CHECK (
          (aggregation <> 'count' OR field IS NULL) AND (aggregation <> 'unique_count' OR field IS NOT NULL)
        )
      );
      CREATE INDEX metrics_newest ON metrics (created_at DESC, id DESC);

      CREATE TABLE plans (
        id text PRIMARY KEY,
        code text NOT NULL CONSTRAINT plans_code_unique UNIQUE,
        name text NOT NULL,
        description text,
        interval text NOT NULL CHECK (interval IN ('day', 'week', 'month', 'year')),
        interval_count integer NOT NULL DEFAULT 1 CHECK (interval_count BETWEEN 1 AND 365),
        trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 730),
        metadata jsonb NOT NULL DEFAULT '{}',
        in_use boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX plans_newest ON plans (created_at DESC, id DESC);

      CREATE TABLE plan_prices (
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (plan_id, currency)
      );

      CREATE TABLE plan_charges (
        id text PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        metric_id text NOT NULL REFERENCES metrics (id),
        model text NOT NULL CHECK (model IN ('per_unit', 'graduated', 'volume', 'package')),
        prices jsonb NOT NULL CHECK (jsonb_typeof(prices) = 'array'),
        CONSTRAINT plan_charges_metric_unique UNIQUE (plan_id, metric_id)
      );
      CREATE INDEX plan_charges_by_metric ON plan_charges (metric_id, plan_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plan_charges, plan_prices, plans, metrics;`);
  }
}
