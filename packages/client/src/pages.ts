/** A list answer of the API. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * Every item of a list, page after page (each fetched when the previous one is used up):
 * `for await (const invoice of paginate((cursor) => billing.GET('/v1/invoices', { params: { query: { cursor } } })))`.
 * An error answer throws a ProblemError, through `unwrap`.
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
  } while (cursor);
}
