import { createBillingClient, paginate, ProblemError, unwrap } from '@billing/client';
import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Issue 18's scenario through our own client (packages/client) against the running api over HTTP: an account
 * from its required fields only, a plan, subscriptions, invoices page by page, typed events, a problem's code.
 */
describe('our own TypeScript client', () => {
  let platform: TestPlatform;
  let baseUrl: string;
  const idempotencyKeys: (string | null)[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.startScheduler();
    await platform.api.listen(0, '127.0.0.1');
    baseUrl = await platform.api.getUrl();
  });
  afterAll(() => platform.close());

  const billing = () =>
    createBillingClient({
      baseUrl,
      apiKey: TEST_BOOTSTRAP_KEY,
      fetch: (sent) => {
        if (sent.method === 'POST') idempotencyKeys.push(sent.headers.get('Idempotency-Key'));
        return fetch(sent);
      },
    });

  it('is generated from the document the api serves, which sdk:check exports without a server', async () => {
    const served = (await request(platform.http).get('/docs-json').expect(200)).body;
    // In a process of its own, as sdk:check runs it (prom-client's registry is per process).
    const exported = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/export-openapi.ts'], {
      cwd: resolve(__dirname, '..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(exported.status).toBe(0);
    expect(served).toEqual(JSON.parse(exported.stdout));
  });

  it('runs the scenario: account, plan, subscriptions, invoices page by page, events, a problem', async () => {
    const client = billing();
    const account = await unwrap(client.POST('/v1/accounts', { body: { name: 'Acme', email: 'billing@acme.test', currency: 'EUR' } }));
    expect(account).toMatchObject({ object: 'account', timezone: 'UTC', tax_exempt: false, net_terms_days: 0 });
    const renamed = await unwrap(client.PATCH('/v1/accounts/{id}', { params: { path: { id: account.id } }, body: { name: 'Acme GmbH' } }));
    expect(renamed).toMatchObject({ name: 'Acme GmbH', email: 'billing@acme.test', timezone: 'UTC' });

    const plan = await unwrap(
      client.POST('/v1/plans', { body: { code: 'sdk-pro', name: 'Pro', interval: 'month', prices: [{ currency: 'EUR', amount: 5000 }] } }),
    );
    for (let n = 0; n < 3; n++) {
      const subscription = await unwrap(client.POST('/v1/subscriptions', { body: { account_id: account.id, plan_id: plan.id } }));
      expect(subscription).toMatchObject({ status: 'active', quantity: 1 });
    }
    // The work due now (the first invoices) runs when the test clock is set to its own instant.
    const { now } = await unwrap(client.GET('/v1/test/clock'));
    await unwrap(client.POST('/v1/test/clock', { body: { now } }));

    const pages: number[] = [];
    const invoices = [];
    for await (const invoice of paginate(async (cursor) => {
      const page = await unwrap(client.GET('/v1/invoices', { params: { query: { account_id: account.id, limit: 2, cursor } } }));
      pages.push(page.data.length);
      return page;
    }))
      invoices.push(invoice);
    expect(pages).toEqual([2, 1]);
    expect(invoices.map((invoice) => invoice.total)).toEqual([5000, 5000, 5000]);

    const events = await unwrap(client.GET('/v1/events', { params: { query: { type: 'account.updated' } } }));
    const names = events.data.flatMap((event) => (event.type === 'account.updated' ? [event.data.object.name] : []));
    expect(names).toContain('Acme GmbH');

    const missing = await unwrap(client.GET('/v1/accounts/{id}', { params: { path: { id: 'acct_missing' } } })).catch((error) => error);
    expect(missing).toBeInstanceOf(ProblemError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });

    // Every POST went with an idempotency key of its own.
    expect(idempotencyKeys.length).toBeGreaterThanOrEqual(6);
    expect(new Set(idempotencyKeys).size).toBe(idempotencyKeys.length);
    expect(idempotencyKeys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
  });
});
