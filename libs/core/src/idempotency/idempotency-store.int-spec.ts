import { createTestDataSource } from '@billing/testing';
import { DataSource } from 'typeorm';
import { IdempotencyStore } from './idempotency-store';

describe(IdempotencyStore.name, () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let store: IdempotencyStore;

  beforeAll(async () => {
    ({ dataSource, close } = await createTestDataSource());
    store = new IdempotencyStore(dataSource);
  });
  afterAll(() => close());

  it('lets exactly one of many concurrent claims of a key run', async () => {
    const claims = await Promise.all(Array.from({ length: 25 }, () => store.claim('key_a', 'k1', 'f1')));
    expect(claims.filter((claim) => claim.outcome === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.outcome === 'in_flight')).toHaveLength(24);
  });

  it('replays the stored answer, and tells another body apart', async () => {
    await store.claim('key_a', 'k2', 'f1');
    await store.complete('key_a', 'k2', { status: 201, body: { id: 'acct_1' } });
    expect(await store.claim('key_a', 'k2', 'f1')).toEqual({ outcome: 'replay', status: 201, body: { id: 'acct_1' } });
    expect(await store.claim('key_a', 'k2', 'f2')).toEqual({ outcome: 'reused_with_other_body' });
  });

  it('scopes keys to their owner', async () => {
    await store.claim('key_a', 'k3', 'f1');
    expect(await store.claim('key_b', 'k3', 'f1')).toEqual({ outcome: 'claimed' });
  });

  it('forgets a released claim and an answer older than 24 hours', async () => {
    await store.claim('key_a', 'k4', 'f1');
    await store.release('key_a', 'k4');
    expect(await store.claim('key_a', 'k4', 'f1')).toEqual({ outcome: 'claimed' });

    await store.complete('key_a', 'k4', { status: 201, body: {} });
    await dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'k4'`);
    expect(await store.claim('key_a', 'k4', 'f-other')).toEqual({ outcome: 'claimed' });
  });
});
