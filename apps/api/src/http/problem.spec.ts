import { QueryFailedError } from 'typeorm';
import { toProblem } from './problem';

describe(toProblem.name, () => {
  it.each([
    ['a statement timeout', new QueryFailedError('SELECT 1', [], Object.assign(new Error('canceling statement'), { code: '57014' }))],
    ['no pooled connection in time', new Error('timeout exceeded when trying to connect')],
  ])('answers 503 database_unavailable for %s', (_case, error) => {
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'database_unavailable', type: 'urn:billing:problem:database_unavailable' });
  });

  it('keeps other database errors 500s', () => {
    const violation = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(toProblem(violation)).toMatchObject({ status: 500, code: 'internal_error' });
  });
});
