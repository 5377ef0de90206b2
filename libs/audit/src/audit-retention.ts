import { DataSource } from 'typeorm';

export const AUDIT_RETENTION_YEARS = 3;

/** Removes audit entries older than three years before `now`; answers how many went. */
export async function purgeExpiredAuditEntries(dataSource: DataSource, now: Date): Promise<number> {
  const [, removed] = await dataSource.query(
    `DELETE FROM audit_log WHERE created_at < $1::timestamptz - make_interval(years => $2)`,
    [now, AUDIT_RETENTION_YEARS],
  );
  return removed;
}
