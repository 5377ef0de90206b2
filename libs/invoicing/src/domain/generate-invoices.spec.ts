import { usageWindowKey } from '@billing/usage/domain';
import { BillingEventType } from '@billing/subscriptions/domain';
import { BillableEvent, generateInvoices, GenerateInput } from './generate-invoices';
import { TaxRate } from './taxes';

const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
let sequence = 0;
const event = (type: BillingEventType, effective: string, amount: number | null, subscriptionId = 'sub_1'): BillableEvent => ({
  id: `be_${String(++sequence).padStart(4, '0')}`,
  subscriptionId,
  type,
  effectiveAt: at(effective),
  periodStart: at(effective),
  periodEnd: at('2027-05-01'),
  planCode: 'pro',
  quantity: 1,
  unitAmount: 9000,
  amount,
});
const input = (events: BillableEvent[], extra: Partial<GenerateInput> = {}): GenerateInput => ({
  currency: 'USD',
  creditBalance: 0,
  netTermsDays: 0,
  tax: { kind: 'none' },
  events,
  issuedAt: at('2027-04-11'),
  parties: {
    seller: { name: 'Seller GmbH', address: 'Hauptstr. 1', country: 'DE', tax_id: 'DE123456789' },
    buyer: { name: 'Łódź Sp. z o.o.', email: 'b@x.test', address: null, tax_id: null },
    timeZone: 'Asia/Tokyo',
  },
  names: { plans: new Map([['pro', 'Pro plan']]), metrics: new Map([['calls', 'API calls']]) },
  ...extra,
});
const vat = (inclusive: boolean): TaxRate => ({ id: 'txr_1', name: 'VAT', percentage: '20.0', country: 'GB', region: null, inclusive });

describe(generateInvoices.name, () => {
  it('puts the worked example credit and charge on one invoice: −2000 + 6000 = 4000', () => {
    const { invoices } = generateInvoices(
      input([event('proration_credit', '2027-04-11', -2000), event('proration_charge', '2027-04-11', 6000)]),
    );
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      subtotal: 4000,
      total: 4000,
      amountDue: 4000,
      status: 'open',
      billingReason: 'subscription_update',
    });
    expect(invoices[0].lines.map((line) => [line.type, line.amount])).toEqual([
      ['proration', -2000],
      ['proration', 6000],
    ]);
  });

  it('makes one invoice per subscription and instant, oldest first', () => {
    const { invoices } = generateInvoices(
      input([
        event('period_started', '2027-05-01', 3000),
        event('period_started', '2027-04-01', 3000),
        event('period_started', '2027-04-01', 500, 'sub_2'),
      ]),
    );
    expect(invoices.map((invoice) => [invoice.subscriptionId, invoice.effectiveAt.toISOString().slice(0, 10)])).toEqual([
      ['sub_1', '2027-04-01'],
      ['sub_2', '2027-04-01'],
      ['sub_1', '2027-05-01'],
    ]);
  });

  it('applies credit oldest invoice first, never beyond the total, and marks fully covered invoices paid', () => {
    const result = generateInvoices(
      input([event('period_started', '2027-04-01', 3000), event('period_started', '2027-05-01', 3000)], { creditBalance: 4000 }),
    );
    expect(result.invoices.map((invoice) => [invoice.creditApplied, invoice.amountDue, invoice.status])).toEqual([
      [3000, 0, 'paid'],
      [1000, 2000, 'open'],
    ]);
    expect(result.creditBalance).toBe(0);
  });

  it('sends a negative net to the credit balance, with nothing due', () => {
    const result = generateInvoices(input([event('proration_credit', '2027-04-11', -2032), event('canceled', '2027-04-11', null)]));
    expect(result.invoices[0]).toMatchObject({
      total: -2032,
      creditApplied: -2032,
      amountDue: 0,
      status: 'paid',
      billingReason: 'subscription_end',
    });
    expect(result.creditBalance).toBe(2032);
  });

  it.each([
    ['exclusive 20%: tax on top', false, { subtotal: 4000, tax: 800, total: 4800 }, [-400, 1200]],
    ['inclusive 20%: tax within', true, { subtotal: 4000, tax: 667, total: 4000 }, [-333, 1000]],
  ])('taxes each line once (%s), credit lines negatively', (_name, inclusive, totals, lineTaxes) => {
    const { invoices } = generateInvoices(
      input([event('proration_credit', '2027-04-11', -2000), event('proration_charge', '2027-04-11', 6000)], {
        tax: { kind: 'taxed', rate: vat(inclusive) },
      }),
    );
    expect(invoices[0]).toMatchObject(totals);
    expect(invoices[0].lines.map((line) => line.taxAmount)).toEqual(lineTaxes);
    expect(invoices[0].lines.every((line) => line.taxRateId === 'txr_1')).toBe(true);
  });

  it('states a reverse charge on the invoice and charges no tax', () => {
    const { invoices } = generateInvoices(
      input([event('period_started', '2027-04-01', 3000)], { tax: { kind: 'reverse_charge', note: 'Reverse charge' } }),
    );
    expect(invoices[0]).toMatchObject({ tax: 0, total: 3000, notes: ['Reverse charge'] });
  });

  it('settles events that bill nothing without an invoice', () => {
    const trial = event('trial_started', '2027-04-01', null);
    const result = generateInvoices(input([trial]));
    expect(result.invoices).toEqual([]);
    expect(result.settledWithoutInvoice).toEqual([trial.id]);
  });

  it('bills usage in arrears on the invoice of its instant, and dates the invoice with net terms', () => {
    const renewal = event('period_started', '2027-05-01', 3000);
    const usage = new Map([
      [
        usageWindowKey('sub_1', at('2027-05-01')),
        [
          {
            subscriptionId: 'sub_1',
            metricCode: 'calls',
            quantity: '1500',
            unitAmount: '0.2',
            amount: 550,
            description: 'calls, graduated',
            periodStart: at('2027-04-01'),
            periodEnd: at('2027-05-01'),
          },
        ],
      ],
    ]);
    const { invoices } = generateInvoices(input([renewal], { usage, netTermsDays: 30, issuedAt: at('2027-05-01') }));
    expect(invoices[0].lines.map((line) => [line.type, line.amount])).toEqual([
      ['subscription', 3000],
      ['usage', 550],
    ]);
    expect(invoices[0]).toMatchObject({ subtotal: 3550, dueAt: at('2027-05-31') });
  });

  it('describes lines with names and the inclusive local dates they cover; a prorated unit amount × quantity is its amount', () => {
    const fee = {
      ...event('period_started', '2027-04-11', 24995),
      periodStart: new Date('2027-03-31T15:00:00Z'),
      periodEnd: new Date('2027-04-30T15:00:00Z'),
    };
    const credit = {
      ...event('proration_credit', '2027-04-11', -11664),
      quantity: 3,
      unitAmount: 24995,
      periodStart: new Date('2027-04-10T15:00:00Z'),
      periodEnd: new Date('2027-04-30T15:00:00Z'),
    };
    const { invoices } = generateInvoices(input([fee, credit]));
    const [feeLine, creditLine] = invoices[0].lines;
    // Tokyo: [31 Mar 15:00Z, 30 Apr 15:00Z) is 1 – 30 April there.
    expect(feeLine.description).toBe('Pro plan × 1 (1 Apr 2027 – 30 Apr 2027)');
    expect(creditLine.description).toBe('Unused time on Pro plan × 3 (11 Apr 2027 – 30 Apr 2027, 20 days)');
    expect(creditLine.unitAmount).toBe('-3888');
    const prorated = { ...event('proration_charge', '2027-04-11', 11665), quantity: 3 };
    const [line] = generateInvoices(input([prorated])).invoices[0].lines;
    expect(line.unitAmount).toBe('3888.333333333333');
    expect(Math.round(Number(line.quantity) * Number(line.unitAmount))).toBe(line.amount);
  });

  it('names the metric of a usage line', () => {
    const usage = new Map([
      [
        usageWindowKey('sub_1', at('2027-05-01')),
        [
          {
            subscriptionId: 'sub_1',
            metricCode: 'calls',
            quantity: '10',
            unitAmount: '1',
            amount: 10,
            description: '10 units at USD 0.01',
            periodStart: at('2027-04-01'),
            periodEnd: at('2027-05-01'),
          },
        ],
      ],
    ]);
    const { invoices } = generateInvoices(input([event('period_started', '2027-05-01', 3000)], { usage }));
    expect(invoices[0].lines[1].description).toBe('API calls: 10 units at USD 0.01');
  });

  it('freezes the parties, names and tax rate the invoice prints into its snapshot', () => {
    const { invoices } = generateInvoices(
      input([event('period_started', '2027-04-01', 3000)], { tax: { kind: 'taxed', rate: vat(false) } }),
    );
    expect(invoices[0].snapshot).toEqual({
      seller: { name: 'Seller GmbH', address: 'Hauptstr. 1', country: 'DE', tax_id: 'DE123456789' },
      buyer: { name: 'Łódź Sp. z o.o.', email: 'b@x.test', address: null, tax_id: null },
      time_zone: 'Asia/Tokyo',
      plans: { pro: 'Pro plan' },
      metrics: {},
      tax_rates: { txr_1: { name: 'VAT', percentage: '20.0', inclusive: false } },
    });
  });

  it('keeps two actions at one instant on one invoice when they are billed together, in order: create then cancel nets to 0', () => {
    const created = event('period_started', '2027-04-11', 9000);
    const credit = event('proration_credit', '2027-04-11', -9000);
    const canceled = event('canceled', '2027-04-11', null);
    const { invoices, creditBalance } = generateInvoices(input([canceled, credit, created]));
    expect(invoices).toHaveLength(1);
    expect(invoices[0].lines.map((line) => line.amount)).toEqual([9000, -9000]);
    expect(invoices[0]).toMatchObject({ total: 0, amountDue: 0, status: 'paid', billingReason: 'subscription_end' });
    expect(creditBalance).toBe(0);
  });
});
