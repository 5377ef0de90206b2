import { decodeCursor, encodeCursor } from './pagination';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(decodeCursor.name, () => {
  it('reads back what encodeCursor issued', () => {
    const position = { createdAt: '2027-04-01T12:34:56.789Z', id: 'acct_0Kx3abcdefghijklmnopqr' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['a year PostgreSQL refuses', forge(['+275760-09-13T00:00:00.000Z', 'acct_1'])],
    ['year zero', forge(['0000-01-01T00:00:00.000Z', 'acct_1'])],
    ['an impossible date', forge(['2027-02-30T00:00:00.000Z', 'acct_1'])],
    ['a date without milliseconds', forge(['2027-02-01T00:00:00Z', 'acct_1'])],
    ['a NUL in the id', forge(['2027-02-01T00:00:00.000Z', 'acct\u00001'])],
    ['an id of other characters', forge(['2027-02-01T00:00:00.000Z', "' OR 1=1"])],
    ['an extra element', forge(['2027-02-01T00:00:00.000Z', 'acct_1', 'x'])],
    ['not base64 JSON', '%%%'],
  ])('refuses %s with 422 naming the cursor', (_case, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'cursor' })] }),
    );
  });
});
