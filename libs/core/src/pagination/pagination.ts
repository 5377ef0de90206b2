import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailed } from '../errors/domain-error';

/** The list envelope of API.md: newest first, opaque cursor. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

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

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
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
