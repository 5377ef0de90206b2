import { EntityManager } from 'typeorm';

export interface BulkColumn {
  name: string;
  /** The PostgreSQL type of the column, for the array cast: text, bigint, integer, boolean, timestamptz, jsonb. */
  type: string;
}

/** Columns from `[name, type]` pairs, in the order the rows hold their values. */
export function bulkColumns(pairs: readonly (readonly [name: string, type: string])[]): BulkColumn[] {
  return pairs.map(([name, type]) => ({ name, type }));
}

/**
 * Inserts many rows in one statement: one array parameter per column, unnested by PostgreSQL. Unlike a
 * VALUES list it needs no parameter per value, so a chunk of any size is one round trip.
 */
export async function bulkInsert(manager: EntityManager, table: string, columns: BulkColumn[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((column, index) =>
    rows.map((row) => {
      const value = row[index];
      return column.type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : value;
    }),
  );
  const unnest = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  await manager.query(`INSERT INTO ${table} (${columns.map((column) => column.name).join(', ')}) SELECT * FROM unnest(${unnest})`, arrays);
}
