import { newWebhookSecret, ROTATION_OVERLAP_MS, rotateSecrets, secretsSigningAt, signingKey, WebhookSecret } from './secrets';

const at = (iso: string) => new Date(iso);

describe(newWebhookSecret.name, () => {
  it('is whsec_ and the base64 of 32 random bytes, different every time', () => {
    const secrets = Array.from({ length: 100 }, newWebhookSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(signingKey(secret)).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(100);
  });
});

describe(signingKey.name, () => {
  it('decodes the part after whsec_', () => {
    expect(signingKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').toString('hex')).toBe(
      Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64').toString('hex'),
    );
  });

  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['not base64', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!'],
    ['shorter than 24 bytes', 'whsec_c2hvcnQ='],
    ['empty', 'whsec_'],
  ])('refuses a malformed secret (%s)', (_, secret) => {
    expect(() => signingKey(secret)).toThrow(/at least 24 bytes/);
  });
});

describe(secretsSigningAt.name, () => {
  const secrets: WebhookSecret[] = [
    { secret: 'whsec_old', createdAt: at('2027-01-01T00:00:00Z'), expiresAt: at('2027-03-02T12:00:00Z') },
    { secret: 'whsec_new', createdAt: at('2027-03-01T12:00:00Z'), expiresAt: null },
  ];

  it.each([
    ['before the rotation', '2027-02-01T00:00:00Z', ['whsec_old']],
    ['during the overlap, newest first', '2027-03-01T12:00:00Z', ['whsec_new', 'whsec_old']],
    ['once the old one expired', '2027-03-02T12:00:00Z', ['whsec_new']],
  ])('%s', (_, instant, expected) => {
    expect(secretsSigningAt(secrets, at(instant))).toEqual(expected);
  });
});

describe(rotateSecrets.name, () => {
  const created = at('2027-01-01T00:00:00Z');
  const rotation = at('2027-03-01T12:00:00Z');

  it('adds the fresh secret and lets the current one sign for 24 more hours', () => {
    const rotated = rotateSecrets([{ secret: 'whsec_a', createdAt: created, expiresAt: null }], rotation, 'whsec_b');
    expect(rotated).toEqual([
      { secret: 'whsec_b', createdAt: rotation, expiresAt: null },
      { secret: 'whsec_a', createdAt: created, expiresAt: new Date(rotation.getTime() + ROTATION_OVERLAP_MS) },
    ]);
    expect(secretsSigningAt(rotated, new Date(rotation.getTime() + ROTATION_OVERLAP_MS - 1))).toEqual(['whsec_b', 'whsec_a']);
    expect(secretsSigningAt(rotated, new Date(rotation.getTime() + ROTATION_OVERLAP_MS))).toEqual(['whsec_b']);
  });

  it('never extends a secret that was already expiring, and drops expired ones', () => {
    const secrets: WebhookSecret[] = [
      { secret: 'whsec_b', createdAt: at('2027-03-01T00:00:00Z'), expiresAt: null },
      { secret: 'whsec_a', createdAt: created, expiresAt: at('2027-03-02T00:00:00Z') },
      { secret: 'whsec_0', createdAt: created, expiresAt: at('2027-02-01T00:00:00Z') },
    ];
    expect(rotateSecrets(secrets, rotation, 'whsec_c')).toEqual([
      { secret: 'whsec_c', createdAt: rotation, expiresAt: null },
      { secret: 'whsec_b', createdAt: at('2027-03-01T00:00:00Z'), expiresAt: at('2027-03-02T12:00:00Z') },
      { secret: 'whsec_a', createdAt: created, expiresAt: at('2027-03-02T00:00:00Z') },
    ]);
  });

  it('makes a new secret unless given one', () => {
    expect(rotateSecrets([], rotation)[0].secret).toMatch(/^whsec_/);
  });
});
