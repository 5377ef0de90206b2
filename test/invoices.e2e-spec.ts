import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Line {
  type: string;
  amount: number;
  tax_amount: number;
}

/** Scenarios run in the order of billing time: the test clock only moves forward. */
describe('Invoices on the test clock', () => {
  let platform: TestPlatform;
  let sequence = 0;

  beforeAll(async () => {
    platform = await startTestPlatform({ SELLER_COUNTRY: 'DE' });
    await platform.startScheduler();
    for (const rate of [
      { name: 'UK VAT', percentage: '20.0', country: 'GB', inclusive: false },
      { name: 'AT USt', percentage: '20.0', country: 'AT', inclusive: true },
      { name: 'FR TVA', percentage: '20.0', country: 'FR', inclusive: false },
    ]) {
      expect((await api().post('/v1/tax-rates').set(auth).send(rate)).status).toBe(201);
    }
    // These customers have no card and their invoices stay open on purpose: no dunning step blocks them.
    await api().put('/v1/dunning-policy').set(auth).send({ retry_schedule_days: [], steps: [] }).expect(200);
  });
  afterAll(() => platform.close());

  const api = () => request(platform.http);
  const moveClock = async (iso: string) => {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 });
    expect(response.status).toBe(200);
  };
  const settle = async () => moveClock((await api().get('/v1/test/clock').set(auth)).body.now);
  const account = async (currency: string, extra: object = {}) =>
    (
      await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `${currency} customer`, email: 'c@x.test', currency, ...extra })
    ).body;
  const plan = async (prices: { currency: string; amount: number }[]) =>
    (
      await api()
        .post('/v1/plans')
        .set(auth)
        .send({ code: `inv-plan-${++sequence}`, name: 'Plan', interval: 'month', prices })
    ).body;
  const subscribe = async (body: object) => {
    const response = await api().post('/v1/subscriptions').set(auth).send(body);
    expect(response.status).toBe(201);
    return response.body;
  };
  const invoicesOf = async (query: string) =>
    (await api().get(`/v1/invoices?${query}&limit=100`).set(auth)).body.data.reverse() as {
      id: string;
      number: string;
      status: string;
      lines: Line[];
      subtotal: number;
      tax: number;
      total: number;
      credit_applied: number;
      amount_due: number;
      amount_remaining: number;
      notes: string[];
      period_start: string;
      period_end: string;
    }[];

  let usd: { id: string; code: string };
  let pro: { id: string; code: string };

  it('invoices the worked upgrade as lines of −2000 and +6000, subtotal 4000, on one invoice issued at once', async () => {
    await moveClock('2027-04-01T00:00:00Z');
    usd = await plan([
      { currency: 'USD', amount: 3000 },
      { currency: 'EUR', amount: 3000 },
      { currency: 'GBP', amount: 3000 },
    ]);
    pro = await plan([{ currency: 'USD', amount: 9000 }]);
    const customer = await account('USD');
    const subscription = await subscribe({ account_id: customer.id, plan_id: usd.id });
    await moveClock('2027-04-11T00:00:00Z');
    await api().post(`/v1/subscriptions/${subscription.id}/change`).set(auth).send({ plan_id: pro.id });
    await settle();
    const [first, upgrade] = await invoicesOf(`subscription_id=${subscription.id}`);
    expect(first).toMatchObject({ subtotal: 3000, total: 3000, status: 'open', period_start: '2027-04-01T00:00:00.000Z' });
    expect(upgrade.lines.map((line) => [line.type, line.amount])).toEqual([
      ['proration', -2000],
      ['proration', 6000],
    ]);
    expect(upgrade).toMatchObject({ subtotal: 4000, tax: 0, total: 4000, amount_due: 4000, status: 'open' });

    // Invoiced now, the account keeps its currency.
    const locked = await api().patch(`/v1/accounts/${customer.id}`).set(auth).send({ currency: 'EUR' });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('currency_locked');
  });

  it('issues exactly one invoice per renewal, with gapless numbers', async () => {
    const customer = await account('EUR');
    const subscription = await subscribe({ account_id: customer.id, plan_id: usd.id });
    for (const month of ['05', '06', '07']) await moveClock(`2027-${month}-11T00:00:00Z`);
    await moveClock('2027-07-11T00:00:00Z');
    const invoices = await invoicesOf(`subscription_id=${subscription.id}`);
    expect(invoices.map((invoice) => invoice.period_start.slice(0, 10))).toEqual(['2027-04-11', '2027-05-11', '2027-06-11', '2027-07-11']);
    const all = (await invoicesOf('status=open')).concat(await invoicesOf('status=paid')).map((invoice) => Number(invoice.number.slice(4)));
    const sorted = [...all].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, index) => index + 1));
    // The api reads the issued count from the database in the background, every 10 s (never at scrape time).
    const deadline = Date.now() + 15_000;
    let metrics = (await api().get('/metrics')).text;
    while (!metrics.includes(`invoices_generated_total ${sorted.length}\n`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      metrics = (await api().get('/metrics')).text;
    }
    expect(metrics).toContain(`invoices_generated_total ${sorted.length}\n`);
  });

  it.each([
    ['an exclusive 20% rate adds tax on top', { country: 'GB' }, 'GBP', { subtotal: 3000, tax: 600, total: 3600 }],
    ['an inclusive 20% rate holds the tax within', { country: 'AT' }, 'EUR', { subtotal: 3000, tax: 500, total: 3000 }],
    ['a tax-exempt account pays none', { country: 'GB', tax_exempt: true }, 'GBP', { subtotal: 3000, tax: 0, total: 3000 }],
    [
      'an EU business abroad with a VAT id is reverse charged',
      { country: 'FR', tax_id: 'FR40303265045' },
      'EUR',
      { subtotal: 3000, tax: 0, total: 3000 },
    ],
    ['an EU consumer abroad pays its country’s rate', { country: 'FR' }, 'EUR', { subtotal: 3000, tax: 600, total: 3600 }],
  ])('taxes: %s', async (_name, extra, currency, totals) => {
    const customer = await account(currency, extra);
    const subscription = await subscribe({ account_id: customer.id, plan_id: usd.id });
    await settle();
    const [invoice] = await invoicesOf(`subscription_id=${subscription.id}`);
    expect(invoice).toMatchObject({ ...totals, amount_due: totals.total });
    expect(invoice.lines[0].tax_amount).toBe(totals.tax);
    if ('tax_id' in extra) expect(invoice.notes.join(' ')).toMatch(/reverse charge/i);
  });

  it('totals JPY and KWD invoices in their minor units', async () => {
    const yen = await plan([{ currency: 'JPY', amount: 1200 }]);
    const dinar = await plan([{ currency: 'KWD', amount: 12500 }]);
    const jpy = await subscribe({ account_id: (await account('JPY')).id, plan_id: yen.id, quantity: 3 });
    const kwd = await subscribe({ account_id: (await account('KWD')).id, plan_id: dinar.id });
    await settle();
    expect((await invoicesOf(`subscription_id=${jpy.id}`))[0]).toMatchObject({ total: 3600, amount_due: 3600 });
    expect((await invoicesOf(`subscription_id=${kwd.id}`))[0]).toMatchObject({ total: 12500, amount_due: 12500 });
  });

  it('voids an open invoice, and refuses to void it twice', async () => {
    const subscription = await subscribe({ account_id: (await account('USD')).id, plan_id: usd.id });
    await settle();
    const [invoice] = await invoicesOf(`subscription_id=${subscription.id}`);
    const voided = await api().post(`/v1/invoices/${invoice.id}/void`).set(auth).send();
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', amount_remaining: 0 });
    const again = await api().post(`/v1/invoices/${invoice.id}/void`).set(auth).send();
    expect(again.status).toBe(409);
    const events = (await api().get('/v1/events?type=invoice.voided').set(auth)).body.data;
    expect(events[0].data.object.id).toBe(invoice.id);
  });

  it('lowers an unpaid invoice with a credit note, settling it when nothing remains', async () => {
    const subscription = await subscribe({ account_id: (await account('USD')).id, plan_id: usd.id });
    await settle();
    const [invoice] = await invoicesOf(`subscription_id=${subscription.id}`);
    const partial = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 1000, reason: 'goodwill' });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ number: expect.stringMatching(/^CN-\d{6}$/), applied_to: 'invoice', amount: 1000 });
    expect((await api().get(`/v1/invoices/${invoice.id}`).set(auth)).body).toMatchObject({ amount_remaining: 2000, status: 'open' });
    expect((await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 2001 })).status).toBe(422);
    // Nothing was paid: nothing can be refunded.
    expect((await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 100, refund: true })).body.code).toBe(
      'invoice_not_paid',
    );
    await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 2000 });
    expect((await api().get(`/v1/invoices/${invoice.id}`).set(auth)).body).toMatchObject({ amount_remaining: 0, status: 'paid' });
  });

  it('puts a negative net and a credit note on a paid invoice into the credit balance, which settles open invoices at once, then the next ones', async () => {
    const customer = await account('USD');
    const cheap = await plan([{ currency: 'USD', amount: 1000 }]);
    const first = await subscribe({ account_id: customer.id, plan_id: usd.id });
    await moveClock('2027-07-21T00:00:00Z');
    await api().post(`/v1/subscriptions/${first.id}/cancel`).set(auth).send({ timing: 'immediate' });
    await settle();
    const [opened, cancellation] = await invoicesOf(`subscription_id=${first.id}`);
    // 21 of the 31 days from Jul 11 unused: 3000 × 21/31 = 2032.26 → 2032, credited to the balance, which
    // goes at once to the open 3000 of the same account (Kill Bill's behaviour).
    expect(cancellation).toMatchObject({ total: -2032, credit_applied: -2032, amount_due: 0, status: 'paid' });
    expect(opened).toMatchObject({ total: 3000, credit_applied: 2032, amount_due: 968, amount_remaining: 968, status: 'open' });
    const balance = async () => (await api().get(`/v1/accounts/${customer.id}`).set(auth)).body.credit_balance;
    expect(await balance()).toBe(0);

    // A credit note settles what remains of it; the next one, on the now paid invoice, credits the balance,
    // which goes at once to the open invoice of the second subscription.
    const onInvoice = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: opened.id, amount: 968 });
    expect(onInvoice.body.applied_to).toBe('invoice');
    const second = await subscribe({ account_id: customer.id, plan_id: cheap.id });
    await settle();
    const toBalance = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: opened.id, amount: 600 });
    expect(toBalance.body.applied_to).toBe('credit_balance');
    const [secondInvoice] = await invoicesOf(`subscription_id=${second.id}`);
    expect(secondInvoice).toMatchObject({ total: 1000, credit_applied: 600, amount_due: 400, status: 'open' });
    expect(await balance()).toBe(0);

    // Credit beyond the open invoices waits for the next one.
    await api().post('/v1/credit-notes').set(auth).send({ invoice_id: opened.id, amount: 1000 });
    expect((await invoicesOf(`subscription_id=${second.id}`))[0]).toMatchObject({ credit_applied: 1000, amount_due: 0, status: 'paid' });
    expect(await balance()).toBe(600);
    await moveClock('2027-08-21T00:00:00Z');
    const [, renewal] = await invoicesOf(`subscription_id=${second.id}`);
    expect(renewal).toMatchObject({ total: 1000, credit_applied: 600, amount_due: 400 });
    expect(await balance()).toBe(0);
  });

  it('renders a PDF', async () => {
    const [invoice] = await invoicesOf('status=open');
    const response = await api()
      .get(`/v1/invoices/${invoice.id}/pdf`)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/pdf');
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('previews the next invoice exactly as it is then issued, and a change without storing anything', async () => {
    const customer = await account('USD');
    const subscription = await subscribe({ account_id: customer.id, plan_id: usd.id, quantity: 2 });
    await settle();
    const preview = await api().post('/v1/invoices/preview').set(auth).send({ account_id: customer.id });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: null, number: null, status: 'draft', total: 6000, period_start: '2027-09-21T00:00:00.000Z' });

    const change = await api()
      .post('/v1/invoices/preview')
      .set(auth)
      .send({ subscription_id: subscription.id, change: { plan_id: pro.id, quantity: 2 } });
    expect(change.status).toBe(200);
    expect(change.body.lines.map((line: Line) => line.type)).toEqual(['proration', 'proration']);
    expect((await api().get(`/v1/subscriptions/${subscription.id}`).set(auth)).body.plan_id).toBe(usd.id);

    await moveClock('2027-09-21T00:00:00Z');
    const issued = (await invoicesOf(`subscription_id=${subscription.id}`)).pop();
    const comparable = ({
      lines,
      subtotal,
      tax,
      total,
      credit_applied,
      amount_due,
      period_start,
      period_end,
    }: Record<string, unknown>) => ({
      lines: (lines as Record<string, unknown>[]).map(({ id: _id, ...line }) => line),
      subtotal,
      tax,
      total,
      credit_applied,
      amount_due,
      period_start,
      period_end,
    });
    expect(comparable(issued as unknown as Record<string, unknown>)).toEqual(comparable(preview.body));
  });
});
