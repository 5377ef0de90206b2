// The scenario through openapi-typescript's types and openapi-fetch, as an integrating developer writes it.
// Type-checked by `npm run sdk:check` against the types generated from the document (never run).
import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi-typescript/schema';

export async function scenario(baseUrl: string, key: string): Promise<string | undefined> {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

  // Only the required fields: the fields with a server-side default stay optional.
  const account = await client.POST('/v1/accounts', { body: { name: 'Acme', email: 'billing@acme.test', currency: 'EUR' } });
  if (!account.data) throw new Error(account.error.code);
  // A PATCH sends only what changes.
  await client.PATCH('/v1/accounts/{id}', { params: { path: { id: account.data.id } }, body: { name: 'Acme GmbH' } });

  const plan = await client.POST('/v1/plans', {
    body: { code: 'pro', name: 'Pro', interval: 'month', prices: [{ currency: 'EUR', amount: 5000 }] },
  });
  if (!plan.data) throw new Error(plan.error.code);
  const subscription = await client.POST('/v1/subscriptions', { body: { account_id: account.data.id, plan_id: plan.data.id } });
  if (!subscription.data) throw new Error(subscription.error.code);
  const status: 'active' | 'trialing' | 'past_due' | 'paused' | 'canceled' = subscription.data.status;

  let cursor: string | undefined;
  let total = 0;
  do {
    const page = await client.GET('/v1/invoices', { params: { query: { account_id: account.data.id, limit: 10, cursor } } });
    if (!page.data) throw new Error(page.error.code);
    for (const invoice of page.data.data) total += invoice.total;
    cursor = page.data.has_more ? (page.data.next_cursor ?? undefined) : undefined;
  } while (cursor);

  // Events are a union discriminated by `type`: `data.object` is typed after narrowing.
  const events = await client.GET('/v1/events', { params: { query: { type: 'invoice.paid' } } });
  for (const event of events.data?.data ?? []) if (event.type === 'invoice.paid') total -= event.data.object.amount_paid;

  const missing = await client.GET('/v1/accounts/{id}', { params: { path: { id: 'acct_missing' } } });
  const code: string | undefined = missing.error?.code;
  return `${status} ${total} ${code}`;
}
