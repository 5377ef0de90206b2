import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued invoices and credit notes are documents: each keeps a snapshot of what it prints (buyer, seller,
 * plan and metric names, tax rates) as it was when it was issued, so that a later change to the account,
 * the seller settings or a tax rate never changes it. Existing documents are backfilled from the data as
 * it is now and the seller from the SELLER_* settings of the process that migrates. Credit notes also get
 * their net/tax split (pro rata of the invoice they credit).
 */
export class IssuedDocuments1764000000700 implements MigrationInterface {
  name = 'IssuedDocuments1764000000700';

  async up(db: QueryRunner): Promise<void> {
    const env = (name: string) => (process.env[name]?.trim() ? process.env[name]?.trim() : null);
    await db.query(`ALTER TABLE invoices ADD COLUMN snapshot jsonb`);
    await db.query(
      `UPDATE invoices i SET snapshot = jsonb_build_object(
         'seller', jsonb_build_object('name', $1::text, 'address', $2::text, 'country', $3::text, 'tax_id', $4::text),
         'buyer', jsonb_build_object('name', a.name, 'email', a.email, 'address', a.address, 'tax_id', a.tax_id),
         'time_zone', a.timezone,
         'plans', coalesce((SELECT jsonb_object_agg(p.code, p.name) FROM plans p
                             WHERE p.code IN (SELECT l.plan_code FROM invoice_lines l WHERE l.invoice_id = i.id)), '{}'),
         'metrics', coalesce((SELECT jsonb_object_agg(m.code, m.name) FROM metrics m
                               WHERE m.code IN (SELECT l.metric_code FROM invoice_lines l WHERE l.invoice_id = i.id)), '{}'),
         'tax_rates', coalesce((SELECT jsonb_object_agg(t.id, jsonb_build_object('name', t.name, 'inclusive', t.inclusive,
                                   -- canonical as the API writes it: "20.0", "7.25"
                                   'percentage', CASE WHEN scale(trim_scale(t.percentage)) = 0 THEN trim_scale(t.percentage)::text || '.0'
                                                      ELSE trim_scale(t.percentage)::text END))
                                 FROM tax_rates t WHERE t.id IN (SELECT l.tax_rate_id FROM invoice_lines l WHERE l.invoice_id = i.id)), '{}'))
         FROM accounts a WHERE a.id = i.account_id`,
      [env('SELLER_NAME') ?? 'Billing Platform', env('SELLER_ADDRESS'), env('SELLER_COUNTRY'), env('SELLER_TAX_ID')],
    );
    await db.query(`ALTER TABLE invoices ALTER COLUMN snapshot SET NOT NULL`);
    await db.query(`
      ALTER TABLE credit_notes ADD COLUMN subtotal bigint, ADD COLUMN tax bigint, ADD COLUMN snapshot jsonb;
      UPDATE credit_notes c SET
        tax = CASE WHEN i.total = 0 THEN 0 ELSE round(c.amount::numeric * i.tax / i.total) END,
        snapshot = i.snapshot || jsonb_build_object('plans', '{}'::jsonb, 'metrics', '{}'::jsonb)
        FROM invoices i WHERE i.id = c.invoice_id;
      UPDATE credit_notes c SET subtotal = CASE WHEN i.total <> i.subtotal THEN c.amount - c.tax ELSE c.amount END
        FROM invoices i WHERE i.id = c.invoice_id;
      ALTER TABLE credit_notes ALTER COLUMN subtotal SET NOT NULL, ALTER COLUMN tax SET NOT NULL, ALTER COLUMN snapshot SET NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE credit_notes DROP COLUMN subtotal, DROP COLUMN tax, DROP COLUMN snapshot;
      ALTER TABLE invoices DROP COLUMN snapshot;
    `);
  }
}
