import { newId } from './ids';

describe(newId.name, () => {
  it('makes prefixed ids of 22 base62 characters', () => {
    expect(newId('acct')).toMatch(/^acct_[0-9A-Za-z]{22}$/);
  });

  it('sorts ids in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId('evt'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
