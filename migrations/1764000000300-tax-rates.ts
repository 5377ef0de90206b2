import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tax rates (API.md, "Taxes"). A rate's percentage, country, region and inclusiveness never change once
 * created: invoice lines refer to it by `tax_rate_id`; only name, description and `active` do. At most one
 * active rate per country and region (region compared case-insensitively, none being its own place), so
 * that an account's location names one rate: the named index maps to 409 `tax_rate_exists`.
 */
export class TaxRates1764000000300 implements MigrationInterface {
  name = 'TaxRates1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tax_rates (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text,
        percentage numeric(6, 4) NOT NULL CHECK (percentage >= 0 AND percentage < 100),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        region text CHECK (region IS NULL OR (length(region) BETWEEN 1 AND 100 AND region = btrim(region))),
        inclusive boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX tax_rates_newest ON tax_rates (created_at DESC, id DESC);
      CREATE UNIQUE INDEX tax_rates_active_place_unique ON tax_rates (country, lower(coalesce(region, ''))) WHERE active;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tax_rates;`);
  }
}
