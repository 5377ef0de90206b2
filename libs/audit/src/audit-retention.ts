import { DataSource } from 'typeorm';

export const AUDIT_RETENTION_YEARS = 3;

/**
 * Removes audit entries older than three years of wall time; answers how many went. Wall time, not the
 * billing clock: a test clock moved years ahead must not erase the record of what people did.
 */
export async function purgeExpiredAuditEntries(dataSource: DataSource): Promise<number> {
  const [, removed] = await dataSource.query(`DELETE FROM audit_log WHERE created_at < now() - make_interval(years => $1)`, [
    AUDIT_RETENTION_YEARS,
  ]);
  return removed;
}
