// The scenario through @hey-api/openapi-ts's generated SDK (default options: its fetch client).
// Type-checked by `npm run sdk:check` against the SDK generated from the document (never run).
import { client } from './generated/hey-api/client.gen';
import { createAccount, createPlan, createSubscription, getAccount, listEvents, listInvoices, updateAccount } from './generated/hey-api';

export async function scenario(baseUrl: string, key: string): Promise<string | undefined> {
  client.setConfig({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

  const account = await createAccount({ body: { name: 'Acme', email: 'billing@acme.test', currency: 'EUR' } });
  if (!account.data) throw new Error(account.error?.code);
  await updateAccount({ path: { id: account.data.id }, body: { name: 'Acme GmbH' } });

  const plan = await createPlan({ body: { code: 'pro', name: 'Pro', interval: 'month', prices: [{ currency: 'EUR', amount: 5000 }] } });
  if (!plan.data) throw new Error(plan.error?.code);
  const subscription = await createSubscription({ body: { account_id: account.data.id, plan_id: plan.data.id } });
  if (!subscription.data) throw new Error(subscription.error?.code);

  let cursor: string | undefined;
  let total = 0;
  do {
    const page = await listInvoices({ query: { account_id: account.data.id, limit: 10, cursor } });
    if (!page.data) throw new Error(page.error?.code);
    for (const invoice of page.data.data) total += invoice.total;
    cursor = page.data.has_more ? (page.data.next_cursor ?? undefined) : undefined;
  } while (cursor);

  const events = await listEvents({ query: { type: 'invoice.paid' } });
  for (const event of events.data?.data ?? []) if (event.type === 'invoice.paid') total -= event.data.object.amount_paid;

  const missing = await getAccount({ path: { id: 'acct_missing' } });
  const code: string | undefined = missing.error?.code;
  return `${subscription.data.status} ${total} ${code}`;
}
