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
  /** What each successful call of `work` answered (one call for the whole chunk, or one per part of it). */
  done: R[];
  failed: IsolatedFailure<T>[];
}

/**
 * A chunk of work that one poisoned item cannot stop: `work` runs on the whole chunk in a savepoint; if it
 * throws, each half runs again on its own (a savepoint each), halving down to single items, which are
 * answered with their errors while the others' work stands. One poisoned item in n costs about 2·log2(n)
 * extra attempts rather than n. `work` must start from the database's state (reload what it changes), since
 * a failed attempt's writes are rolled back but not its objects in memory.
 */
export async function isolateFailures<T, R>(
  manager: EntityManager,
  items: readonly T[],
  work: (items: readonly T[]) => Promise<R>,
): Promise<IsolatedResult<T, R>> {
  const result: IsolatedResult<T, R> = { done: [], failed: [] };
  const attempt = async (part: readonly T[]): Promise<void> => {
    try {
      result.done.push(await withSavepoint(manager, () => work(part)));
    } catch (error) {
      if (part.length === 1) {
        result.failed.push({ item: part[0], error });
        return;
      }
      const half = Math.ceil(part.length / 2);
      await attempt(part.slice(0, half));
      await attempt(part.slice(half));
    }
  };
  if (items.length > 0) await attempt(items);
  return result;
}
