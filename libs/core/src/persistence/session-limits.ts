import { Client } from 'pg';
import { DatabaseTimeouts } from '../config/config';

/**
 * The server cancels a statement past statement_timeout itself and the connection stays usable; the client
 * stops waiting this much later, for a server that does not answer at all (stalled, or the network gone).
 */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;

const QUERY_READ_TIMEOUT = 'Query read timeout';

/**
 * pg answers a query that outlives query_timeout with an error but leaves it on the connection, which
 * TypeORM then hands back to the pool: the next caller's statements would queue behind it, and once the
 * server answers, a BEGIN or an INSERT its caller gave up on would run in a session someone else now uses.
 * Such a connection is closed instead: what is queued on it fails at once and the pool drops it.
 */
export class ClosedOnQueryTimeoutClient extends Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Client#query's overloads, passed through untouched
  override query(...args: any[]): any {
    const result: unknown = Reflect.apply(super.query, this, args);
    // TypeORM queries with the promise form; a query's rejection is its caller's, this is only a look at it.
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) void this.end();
      });
    }
    return result;
  }
}

/** The options of a pg.Pool (TypeORM's `extra`) that enforce `timeouts`: 0 leaves a limit out. */
export function poolOptions(timeouts: DatabaseTimeouts) {
  return {
    // Event consumers hold an inbox transaction while a subscriber may open one of its own: room for both.
    max: 20,
    Client: ClosedOnQueryTimeoutClient,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    query_timeout: timeouts.statementMs > 0 ? timeouts.statementMs + QUERY_TIMEOUT_MARGIN_MS : undefined,
  };
}
