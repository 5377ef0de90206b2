import { actorFromClaims } from './jwt-claims';

const exp = 2_000_000_000;

describe(actorFromClaims.name, () => {
  it.each(['super_admin', 'billing_admin', 'support_rep', 'finance_viewer'])('makes a jwt actor of the subject with role %s', (role) => {
    expect(actorFromClaims({ sub: 'user_42', role, exp })).toEqual({ type: 'jwt', id: 'user_42', role });
  });

  it.each([
    ['no sub', { role: 'support_rep', exp }, '`sub`'],
    ['an empty sub', { sub: '', role: 'support_rep', exp }, '`sub`'],
    ['a sub that is not a string', { sub: 42, role: 'support_rep', exp }, '`sub`'],
    ['no exp', { sub: 'user_42', role: 'support_rep' }, '`exp`'],
    ['no role', { sub: 'user_42', exp }, '`role`'],
    ['an unknown role', { sub: 'user_42', role: 'admin', exp }, '`role`'],
    ['a role array', { sub: 'user_42', role: ['super_admin'], exp }, '`role`'],
  ])('refuses claims with %s', (_, claims, named) => {
    const result = actorFromClaims(claims);
    expect(result).toEqual({ refused: expect.stringContaining(named) });
  });
});
