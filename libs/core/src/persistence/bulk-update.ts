import { EntityManager } from 'typeorm';
import { BulkColumn } from './bulk-insert';

/**
 * Updates many rows in one statement: `UPDATE … FROM unnest(…)`, one array parameter per column, joined on
 * the first column (the key). Like {@link bulkInsert}, a chunk of any size is one round trip; `alsoSet` adds
 * assignments that need no value (`version = version + 1`).
 */
export async function bulkUpdate(
  manager: EntityManager,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  alsoSet: string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const [key, ...changed] = columns;
  const arrays = columns.map((column, index) =>
    rows.map((row) => {
      const value = row[index];
      return column.type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : value;
    }),
  );
  const unnest = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const assignments = [...changed.map((column) => `${column.name} = changed.${column.name}`), ...alsoSet].join(', ');
  await manager.query(
    `UPDATE ${table} SET ${assignments}
       FROM unnest(${unnest}) AS changed (${columns.map((column) => column.name).join(', ')})
      WHERE ${table}.${key.name} = changed.${key.name}`,
    arrays,
  );
}
