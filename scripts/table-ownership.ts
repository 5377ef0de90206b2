import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TABLE_OWNERS } from '../migrations/table-owners';

/** Where a table is named in SQL outside the lib that owns it. */
export interface OwnershipViolation {
  file: string;
  table: string;
  owner: string;
}

const TABLES = Object.keys(TABLE_OWNERS).sort((a, b) => b.length - a.length);
const TABLE_IN_SQL = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${TABLES.join('|')})\\b`, 'gi');
const ENTITY = /@Entity\('([a-z_]+)'\)/g;
/** Names a statement gives its own CTEs (`WITH events AS (`), which are not tables. */
const CTE = /\b([a-z_]+)\s+AS\s+(?:MATERIALIZED\s+)?\(/gi;

/** The lib (or app) a source file belongs to: `libs/<lib>/…` or `apps/<app>/…`. */
export function ownerOfFile(file: string): string {
  const [root, name] = file.split('/');
  return root === 'libs' ? name : `app:${name}`;
}

/** Tables named in `source` (SQL and entity mappings) that `owner` does not own. */
export function ownershipViolations(file: string, source: string, owner = ownerOfFile(file)): OwnershipViolation[] {
  const ctes = new Set([...source.matchAll(CTE)].map((match) => match[1].toLowerCase()));
  const named = [...source.matchAll(TABLE_IN_SQL)].map((match) => match[1].toLowerCase()).filter((table) => !ctes.has(table));
  const mapped = [...source.matchAll(ENTITY)].map((match) => match[1]);
  return [...new Set([...named, ...mapped])]
    .filter((table) => TABLE_OWNERS[table] !== undefined && TABLE_OWNERS[table] !== owner)
    .map((table) => ({ file, table, owner: TABLE_OWNERS[table] }));
}

/** The violations in `files`, given relative to `root`. */
export function ownershipViolationsIn(root: string, files: readonly string[]): OwnershipViolation[] {
  return files.flatMap((file) => ownershipViolations(file, readFileSync(join(root, file), 'utf8')));
}

/** The production sources of the libs and apps (tests and the test infrastructure excluded), relative to `root`. */
export function productionSources(root: string, directory: string): string[] {
  return readdirSync(join(root, directory)).flatMap((entry) => {
    const path = `${directory}/${entry}`;
    if (statSync(join(root, path)).isDirectory()) return path === 'libs/testing' ? [] : productionSources(root, path);
    return /\.ts$/.test(entry) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry) ? [path] : [];
  });
}

/** `npm run lint` runs this: it fails, naming each, when a table is named outside its owner. */
if (require.main === module) {
  const root = resolve(__dirname, '..');
  const violations = ownershipViolationsIn(root, [...productionSources(root, 'libs'), ...productionSources(root, 'apps')]);
  for (const { file, table, owner } of violations) process.stderr.write(`${file}: names table ${table}, owned by ${owner}\n`);
  if (violations.length > 0) process.exit(1);
  process.stdout.write('✔ every table is named only by the lib that owns it\n');
}
