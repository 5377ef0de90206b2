import { EntityManager } from 'typeorm';

/** Runs `work` inside a savepoint of the caller's transaction: when it throws, only its own writes are undone. */
export async function withSavepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  await manager.query('SAVEPOINT isolated_work');
  try {
    const result = await work();
    await manager.query('RELEASE SAVEPOINT isolated_work');
    return result;
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT isolated_work');
    throw error;
  }
}

export interface IsolatedFailure<T> {
  item: T;
  error: unknown;
}

export interface IsolatedResult<T, R> {
  /** What each successful call of `work` answered (one call for the whole chunk, or one per item). */
  done: R[];
  failed: IsolatedFailure<T>[];
}

/**
 * A chunk of work that one poisoned item cannot stop: `work` runs on the whole chunk in a savepoint; if it
 * throws, it runs again on each item alone (a savepoint each), and the items that still throw are answered
 * with their errors while the others' work stands. `work` must start from the database's state (reload what
 * it changes), since a failed attempt's writes are rolled back but not its objects in memory.
 */
export async function isolateFailures<T, R>(
  manager: EntityManager,
  items: readonly T[],
  work: (items: readonly T[]) => Promise<R>,
): Promise<IsolatedResult<T, R>> {
  if (items.length === 0) return { done: [], failed: [] };
  try {
    return { done: [await withSavepoint(manager, () => work(items))], failed: [] };
  } catch (error) {
    if (items.length === 1) return { done: [], failed: [{ item: items[0], error }] };
  }
  const result: IsolatedResult<T, R> = { done: [], failed: [] };
  for (const item of items) {
    try {
      result.done.push(await withSavepoint(manager, () => work([item])));
    } catch (error) {
      result.failed.push({ item, error });
    }
  }
  return result;
}
