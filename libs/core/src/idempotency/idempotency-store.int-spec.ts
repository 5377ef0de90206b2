import { createTestDataSource } from '@billing/testing';
import { DataSource } from 'typeorm';
import { IdempotencyStore, storeIdempotentAnswer } from './idempotency-store';

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

  it('frees a claim whose request never answered once its lease ends, and only then', async () => {
    const leased = new IdempotencyStore(dataSource, 1);
    expect(await leased.claim('key_a', 'k5', 'f1')).toEqual({ outcome: 'claimed' });
    expect(await leased.claim('key_a', 'k5', 'f1')).toEqual({ outcome: 'in_flight' });
    await dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = 'k5'`);
    expect(await leased.claim('key_a', 'k5', 'f2')).toEqual({ outcome: 'claimed' });
    expect(await leased.claim('key_a', 'k5', 'f2')).toEqual({ outcome: 'in_flight' });
  });

  it("keeps an answer stored in the change's transaction for good, lease or not", async () => {
    await store.claim('key_a', 'k6', 'f1');
    await dataSource.transaction((manager) =>
      storeIdempotentAnswer(manager, { owner: 'key_a', key: 'k6', status: 201, omit: ['key'] }, { id: 'key_1', key: 'secret' }),
    );
    await dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 hour' WHERE key = 'k6'`);
    expect(await store.claim('key_a', 'k6', 'f1')).toEqual({ outcome: 'replay', status: 201, body: { id: 'key_1' } });
  });

  it("stores nothing when the change's transaction rolls back", async () => {
    await store.claim('key_a', 'k7', 'f1');
    await expect(
      dataSource.transaction(async (manager) => {
        await storeIdempotentAnswer(manager, { owner: 'key_a', key: 'k7', status: 201, omit: [] }, { id: 'acct_2' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.claim('key_a', 'k7', 'f1')).toEqual({ outcome: 'in_flight' });
  });
});
