// The scenario through orval's generated functions (default options: axios; an error answer rejects).
// Type-checked by `npm run sdk:check` against the functions generated from the document (never run).
import axios, { isAxiosError } from 'axios';
import { createAccount, createPlan, createSubscription, getAccount, listEvents, listInvoices, updateAccount } from './generated/orval/api';
import type { Problem } from './generated/orval/api';

export async function scenario(baseUrl: string, key: string): Promise<string | undefined> {
  axios.defaults.baseURL = baseUrl;
  axios.defaults.headers.common.Authorization = `Bearer ${key}`;

  const account = (await createAccount({ name: 'Acme', email: 'billing@acme.test', currency: 'EUR' })).data;
  await updateAccount(account.id, { name: 'Acme GmbH' });

  const plan = (await createPlan({ code: 'pro', name: 'Pro', interval: 'month', prices: [{ currency: 'EUR', amount: 5000 }] })).data;
  const subscription = (await createSubscription({ account_id: account.id, plan_id: plan.id })).data;

  let cursor: string | undefined;
  let total = 0;
  do {
    const page = (await listInvoices({ account_id: account.id, limit: 10, cursor })).data;
    for (const invoice of page.data) total += invoice.total;
    cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
  } while (cursor);

  const events = (await listEvents({ type: 'invoice.paid' })).data;
  for (const event of events.data) if (event.type === 'invoice.paid') total -= event.data.object.amount_paid;

  let code: string | undefined;
  try {
    await getAccount('acct_missing');
  } catch (error) {
    if (isAxiosError<Problem>(error)) code = error.response?.data.code;
  }
  return `${subscription.status} ${total} ${code}`;
}
