import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailed } from '@billing/kernel';

/** The list envelope of API.md: newest first, opaque cursor. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** How many items a page holds when the request does not say, and at most. */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export interface PageRequest {
  limit: number;
  cursor?: string;
}

interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISSUED_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Only what encodeCursor issued: an instant exactly as toISOString writes it, from 1970 on (so always one
 * PostgreSQL accepts), and an id of id characters. Anything else is 422, never a query.
 */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id, ...rest] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const issued =
      rest.length === 0 &&
      typeof createdAt === 'string' &&
      ISSUED_INSTANT.test(createdAt) &&
      new Date(createdAt).toISOString() === createdAt &&
      Date.parse(createdAt) >= 0 &&
      typeof id === 'string' &&
      ISSUED_ID.test(id);
    if (issued) return { createdAt, id };
  } catch {
    // not ours: reported below
  }
  throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}

/**
 * Keyset pagination over (createdAt, id) descending on a filtered query builder: one query of limit + 1
 * rows, so `has_more` needs no count. Timestamps are stored to the millisecond so the cursor is exact.
 */
export async function paginate<E extends ObjectLiteral & { createdAt: Date; id: string }, T>(
  query: SelectQueryBuilder<E>,
  request: PageRequest,
  toView: (entity: E) => T,
): Promise<Page<T>> {
  const alias = query.alias;
  if (request.cursor) {
    const position = decodeCursor(request.cursor);
    query.andWhere(`(${alias}.createdAt, ${alias}.id) < (:cursorCreatedAt::timestamptz, :cursorId)`, {
      cursorCreatedAt: position.createdAt,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(request.limit + 1)
    .getMany();
  const hasMore = rows.length > request.limit;
  const pageRows = rows.slice(0, request.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toView),
    has_more: hasMore,
    next_cursor: hasMore ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
