import { isJwt } from './jwt-shape';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = part({ alg: 'RS256', typ: 'JWT' });
const payload = part({ sub: 'user_1', role: 'support_rep' });

describe(isJwt.name, () => {
  it.each([
    ['a signed token', `${header}.${payload}.c2lnbmF0dXJl`],
    ['an unsigned token (alg none, empty signature)', `${part({ alg: 'none' })}.${payload}.`],
  ])('takes %s for a JWT', (_, credential) => {
    expect(isJwt(credential)).toBe(true);
  });

  it.each([
    ['an API key', 'bk_3q2-9ZpQmR0x_Yt7LwK4sVb1Nc8Ue5Hd6Jf0Ag2B'],
    ['two parts', `${header}.${payload}`],
    ['four parts', `${header}.${payload}.sig.extra`],
    ['an empty header', `.${payload}.sig`],
    ['an empty payload', `${header}..sig`],
    ['a first part that is not JSON', 'bootstrap.key.with-two-dots-0123456789'],
    ['a JSON header that is not an object', `${part([1])}.${payload}.sig`],
    ['characters outside base64url', `${header}.${payload}.si+g/=`],
  ])('takes %s for an API key', (_, credential) => {
    expect(isJwt(credential)).toBe(false);
  });
});
