import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './postgres-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const failedQuery = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe(isDatabaseUnavailable.name, () => {
  it.each([
    ['statement_timeout (57014)', failedQuery(withCode('canceling statement due to statement timeout', '57014'))],
    ['lock_timeout (55P03)', failedQuery(withCode('canceling statement due to lock timeout', '55P03'))],
    ['a server shutting down (57P01)', failedQuery(withCode('terminating connection due to administrator command', '57P01'))],
    ['a full server (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
    ["pg's query_timeout", failedQuery(new Error('Query read timeout'))],
    ["pg-pool's wait for a pooled connection", new Error('timeout exceeded when trying to connect')],
    [
      "pg-pool's connect timeout, with its cause",
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }),
    ],
    ['a lost connection', failedQuery(new Error('Connection terminated unexpectedly'))],
    ['a connection closed after a timeout', failedQuery(new Error('Client was closed and is not queryable'))],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
  ])('is true for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', failedQuery(withCode('duplicate key value violates unique constraint', '23505'))],
    ['a syntax error (42601)', failedQuery(withCode('syntax error at or near "SELEC"', '42601'))],
    ['a bug of ours', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'Query read timeout'],
    ['nothing', undefined],
  ])('is false for %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
