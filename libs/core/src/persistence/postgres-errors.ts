/** True when a query failed on a unique constraint (optionally, on the named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, constraint: violated } = (driverError ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

// SQLSTATEs that say the database could not serve the statement now, not that the statement is wrong:
// class 08 (connection exception), 57014 query_canceled (statement_timeout), 55P03 lock_not_available
// (lock_timeout), 57P01–57P03 (the server shutting down, crashed or starting) and 53300 too_many_connections.
const UNAVAILABLE_SQLSTATES = new Set(['57014', '55P03', '57P01', '57P02', '57P03', '53300']);
// Sockets refused, reset or timed out on the way to the server.
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
// pg and pg-pool give their own timeouts and lost connections no code, only these messages.
const UNAVAILABLE_DRIVER_MESSAGES = new Set([
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'timeout expired',
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Client was closed and is not queryable',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * True when the database did not answer in time, or at all: the pool's and the driver's timeouts, the
 * server's statement and lock timeouts, a refused or lost connection. Nothing is wrong with the request
 * itself; the same request may succeed a few seconds later. Looks through TypeORM's QueryFailedError
 * (`driverError`) and pg-pool's wrapping of a connection timeout (`cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) {
      return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_DRIVER_MESSAGES.has(message)) return true;
    const { driverError, cause } = current as { driverError?: unknown; cause?: unknown };
    current = driverError ?? cause;
  }
  return false;
}
