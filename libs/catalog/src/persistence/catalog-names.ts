import { EntityManager } from 'typeorm';

/** Plan and metric names by code, for documents that print them (invoice lines, their snapshot). */
export interface CatalogNameMaps {
  plans: Map<string, string>;
  metrics: Map<string, string>;
}

/** The names of the plans and metrics with these codes, as they are now; one query for both. */
export async function catalogNames(
  manager: EntityManager,
  planCodes: readonly string[],
  metricCodes: readonly string[],
): Promise<CatalogNameMaps> {
  const rows: { kind: 'plan' | 'metric'; code: string; name: string }[] =
    planCodes.length + metricCodes.length === 0
      ? []
      : await manager.query(
          `SELECT 'plan' AS kind, code, name FROM plans WHERE code = ANY($1)
           UNION ALL SELECT 'metric', code, name FROM metrics WHERE code = ANY($2)`,
          [[...new Set(planCodes)], [...new Set(metricCodes)]],
        );
  const of = (kind: 'plan' | 'metric') => new Map(rows.filter((row) => row.kind === kind).map((row) => [row.code, row.name]));
  return { plans: of('plan'), metrics: of('metric') };
}
