import { usageWindowKey } from '@billing/usage';
import { BillableEvent, generateInvoices, GenerateInput } from './generate-invoices';
import { TaxRate } from './taxes';

const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
let sequence = 0;
const event = (type: string, effective: string, amount: number | null, subscriptionId = 'sub_1'): BillableEvent => ({
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
  ...extra,
});
const vat = (inclusive: boolean): TaxRate => ({ id: 'txr_1', name: 'VAT', percentage: '20.0', country: 'GB', region: null, inclusive });

describe(generateInvoices.name, () => {
  it('puts the worked example credit and charge on one invoice: −2000 + 6000 = 4000', () => {
    const { invoices } = generateInvoices(input([event('proration_credit', '2027-04-11', -2000), event('proration_charge', '2027-04-11', 6000)]));
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ subtotal: 4000, total: 4000, amountDue: 4000, status: 'open', billingReason: 'subscription_update' });
    expect(invoices[0].lines.map((line) => [line.type, line.amount])).toEqual([
      ['proration', -2000],
      ['proration', 6000],
    ]);
  });

  it('makes one invoice per subscription and instant, oldest first', () => {
    const { invoices } = generateInvoices(
      input([event('period_started', '2027-05-01', 3000), event('period_started', '2027-04-01', 3000), event('period_started', '2027-04-01', 500, 'sub_2')]),
    );
    expect(invoices.map((invoice) => [invoice.subscriptionId, invoice.effectiveAt.toISOString().slice(0, 10)])).toEqual([
      ['sub_1', '2027-04-01'],
      ['sub_2', '2027-04-01'],
      ['sub_1', '2027-05-01'],
    ]);
  });

  it('applies credit oldest invoice first, never beyond the total, and marks fully covered invoices paid', () => {
    const result = generateInvoices(input([event('period_started', '2027-04-01', 3000), event('period_started', '2027-05-01', 3000)], { creditBalance: 4000 }));
    expect(result.invoices.map((invoice) => [invoice.creditApplied, invoice.amountDue, invoice.status])).toEqual([
      [3000, 0, 'paid'],
      [1000, 2000, 'open'],
    ]);
    expect(result.creditBalance).toBe(0);
  });

  it('sends a negative net to the credit balance, with nothing due', () => {
    const result = generateInvoices(input([event('proration_credit', '2027-04-11', -2032), event('canceled', '2027-04-11', null)]));
    expect(result.invoices[0]).toMatchObject({ total: -2032, creditApplied: -2032, amountDue: 0, status: 'paid', billingReason: 'subscription_end' });
    expect(result.creditBalance).toBe(2032);
  });

  it.each([
    ['exclusive 20%: tax on top', false, { subtotal: 4000, tax: 800, total: 4800 }, [-400, 1200]],
    ['inclusive 20%: tax within', true, { subtotal: 4000, tax: 667, total: 4000 }, [-333, 1000]],
  ])('taxes each line once (%s), credit lines negatively', (_name, inclusive, totals, lineTaxes) => {
    const { invoices } = generateInvoices(
      input([event('proration_credit', '2027-04-11', -2000), event('proration_charge', '2027-04-11', 6000)], { tax: { kind: 'taxed', rate: vat(inclusive) } }),
    );
    expect(invoices[0]).toMatchObject(totals);
    expect(invoices[0].lines.map((line) => line.taxAmount)).toEqual(lineTaxes);
    expect(invoices[0].lines.every((line) => line.taxRateId === 'txr_1')).toBe(true);
  });

  it('states a reverse charge on the invoice and charges no tax', () => {
    const { invoices } = generateInvoices(input([event('period_started', '2027-04-01', 3000)], { tax: { kind: 'reverse_charge', note: 'Reverse charge' } }));
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
        [{ subscriptionId: 'sub_1', metricCode: 'calls', quantity: '1500', unitAmount: '0.2', amount: 550, description: 'calls, graduated', periodStart: at('2027-04-01'), periodEnd: at('2027-05-01') }],
      ],
    ]);
    const { invoices } = generateInvoices(input([renewal], { usage, netTermsDays: 30, issuedAt: at('2027-05-01') }));
    expect(invoices[0].lines.map((line) => [line.type, line.amount])).toEqual([
      ['subscription', 3000],
      ['usage', 550],
    ]);
    expect(invoices[0]).toMatchObject({ subtotal: 3550, dueAt: at('2027-05-31') });
  });
});
