import { ApiKeyAuthenticator, hashApiKeySecret } from '@billing/auth';
import { createTestDataSource, startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { Logger } from '@nestjs/common';
import { register } from 'prom-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/bootstrap';
import { createFirstApiKey, withdrawFirstApiKey } from '../libs/auth/src/api-keys/first-api-key';

const bearer = (credential: string) => ({ Authorization: `Bearer ${credential}` });

describe('The bootstrap API key', () => {
  let platform: TestPlatform;

  beforeEach(async () => {
    platform = await startTestPlatform();
  });
  afterEach(() => platform.close());

  /** A second start of the api on the same database, as a restart with the same variables does. */
  async function restart(env: { BILLING_BOOTSTRAP_API_KEY?: string } = {}) {
    register.clear();
    const config = { ...platform.config, bootstrapApiKey: env.BILLING_BOOTSTRAP_API_KEY ?? platform.config.bootstrapApiKey };
    const api = await createApiApp(config);
    await api.init();
    await api.getHttpAdapter().getInstance().ready();
    return api;
  }

  it('stays revoked across restarts while BILLING_BOOTSTRAP_API_KEY still names it, and the start logs an error', async () => {
    const admin = await platform.keyFor('super_admin');
    const revoked = await request(platform.http).delete('/v1/api-keys/key_bootstrap').set(admin);
    expect(revoked.status).toBe(200);

    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      for (const value of [TEST_BOOTSTRAP_KEY, `${TEST_BOOTSTRAP_KEY}-a-new-value`]) {
        errors.mockClear();
        const api = await restart({ BILLING_BOOTSTRAP_API_KEY: value });
        try {
          expect((await request(api.getHttpServer()).get('/v1/accounts').set(bearer(value))).status).toBe(401);
          expect(errors).toHaveBeenCalledWith(
            expect.stringContaining('BILLING_BOOTSTRAP_API_KEY is ignored: the bootstrap key (key_bootstrap) was revoked'),
          );
        } finally {
          await api.close();
        }
      }
    } finally {
      errors.mockRestore();
    }
    const [row] = await platform.api.get(DataSource).query(`SELECT revoked_at, secret_hash FROM api_keys WHERE id = 'key_bootstrap'`);
    expect(row.revoked_at).not.toBeNull();
    expect(row.secret_hash).toBe(hashApiKeySecret(TEST_BOOTSTRAP_KEY));
  });

  it('takes a changed value while it is not revoked', async () => {
    const changed = `${TEST_BOOTSTRAP_KEY}-rotated`;
    const api = await restart({ BILLING_BOOTSTRAP_API_KEY: changed });
    try {
      expect((await request(api.getHttpServer()).get('/v1/accounts').set(bearer(changed))).status).toBe(200);
      expect((await request(api.getHttpServer()).get('/v1/accounts').set(bearer(TEST_BOOTSTRAP_KEY))).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('shows none of its characters in lists: a label and 4 hex digits of its SHA-256', async () => {
    const list = await request(platform.http).get('/v1/api-keys').set(bearer(TEST_BOOTSTRAP_KEY));
    const bootstrap = list.body.data.find((key: { id: string }) => key.id === 'key_bootstrap');
    expect(bootstrap.prefix).toBe(`bootstrap:${hashApiKeySecret(TEST_BOOTSTRAP_KEY).slice(0, 4)}`);
    expect(JSON.stringify(list.body)).not.toContain(TEST_BOOTSTRAP_KEY.slice(0, 5));
  });
});

describe('The first API key of a deployment without BILLING_BOOTSTRAP_API_KEY', () => {
  it('is made once, when there is no key at all, and a first key nobody used can be withdrawn', async () => {
    const { dataSource, close } = await createTestDataSource();
    const query = (sql: string, parameters: unknown[]) => dataSource.query(sql, parameters);
    try {
      const secret = await createFirstApiKey(query);
      expect(secret).toMatch(/^bk_[A-Za-z0-9_-]{40}$/);
      expect(await createFirstApiKey(query)).toBeNull();
      const authenticator = new ApiKeyAuthenticator(dataSource, { bootstrapApiKey: undefined } as never);
      expect(await authenticator.authenticate(secret as string)).toEqual({ type: 'api_key', id: 'key_bootstrap', role: 'super_admin' });
      const [{ prefix }] = await dataSource.query(`SELECT prefix FROM api_keys WHERE id = 'key_bootstrap'`);
      expect(prefix).toBe((secret as string).slice(0, 10));

      // Used once: no longer withdrawn (it may be the only way in).
      await withdrawFirstApiKey(query, secret as string);
      expect(await dataSource.query(`SELECT 1 FROM api_keys`)).toHaveLength(1);
      await dataSource.query(`UPDATE api_keys SET last_used_at = NULL`);
      await withdrawFirstApiKey(query, secret as string);
      expect(await dataSource.query(`SELECT 1 FROM api_keys`)).toHaveLength(0);
      expect(await createFirstApiKey(query)).toMatch(/^bk_/);
    } finally {
      await close();
    }
  });
});
