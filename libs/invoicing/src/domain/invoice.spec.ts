import { InvalidState } from '@billing/kernel';
import { generateInvoices } from './generate-invoices';
import { Invoice } from './invoice';
import { InvoiceStatus } from './invoice-record';

const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const NOW = at('2027-04-01');
const LATER = at('2027-04-05');

/** A finalized invoice of `total` (a fee), with `creditApplied` of the account's credit consumed at issue. */
function issued(total = 3000, credit = 0): Invoice {
  const { invoices } = generateInvoices({
    currency: 'USD',
    creditBalance: credit,
    netTermsDays: 0,
    tax: { kind: 'none' },
    events: [
      {
        id: 'be_1',
        subscriptionId: 'sub_1',
        type: 'period_started',
        effectiveAt: NOW,
        periodStart: NOW,
        periodEnd: at('2027-05-01'),
        planCode: 'basic',
        quantity: 1,
        unitAmount: total,
        amount: total,
      },
    ],
    issuedAt: NOW,
    parties: {
      seller: { name: 'S', address: null, country: null, tax_id: null },
      buyer: { name: 'B', email: 'b@x.test', address: null, tax_id: null },
      timeZone: 'UTC',
    },
    names: { plans: new Map(), metrics: new Map() },
  });
  return Invoice.finalize(invoices[0], { id: 'inv_1', number: 'INV-000001', accountId: 'acct_1', currency: 'USD' }, ['il_1'], NOW);
}

function inStatus(status: InvoiceStatus): Invoice {
  const invoice = issued();
  invoice.pullEvents();
  if (status === 'paid') invoice.applyPayment(3000, NOW);
  if (status === 'void') invoice.void(NOW);
  if (status === 'uncollectible')
    return Invoice.restore({ ...invoice.snapshot().invoice, status: 'uncollectible' }, invoice.snapshot().lines);
  invoice.pullEvents();
  return invoice;
}

describe(Invoice.name, () => {
  it('finalizes a draft: numbered, open, raising invoice.created and invoice.finalized (and invoice.paid when credit covered it)', () => {
    const open = issued();
    expect(open.snapshot().invoice).toMatchObject({ id: 'inv_1', number: 'INV-000001', status: 'open', amountDue: 3000 });
    expect(open.snapshot().lines.map((line) => [line.id, line.position, line.invoiceId])).toEqual([['il_1', 0, 'inv_1']]);
    expect(open.pullEvents().map((event) => event.type)).toEqual(['invoice.created', 'invoice.finalized']);
    expect(
      issued(3000, 5000)
        .pullEvents()
        .map((event) => event.type),
    ).toEqual(['invoice.created', 'invoice.finalized', 'invoice.paid']);
  });

  // The state table of the aggregate's comment: which action each status allows.
  it.each<[InvoiceStatus, boolean, boolean, boolean]>([
    ['open', true, true, true],
    ['paid', false, true, false],
    ['void', false, false, false],
    ['uncollectible', false, false, false],
  ])('when %s: void %s, credit %s, applyPayment %s', (status, canVoid, canCredit, canPay) => {
    const outcome = (act: (invoice: Invoice) => unknown) => {
      try {
        act(inStatus(status));
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidState);
        return false;
      }
    };
    expect([outcome((i) => i.void(LATER)), outcome((i) => i.credit(100, LATER)), outcome((i) => i.applyPayment(100, LATER))]).toEqual([
      canVoid,
      canCredit,
      canPay,
    ]);
  });

  it('voids an open invoice, giving back the credit it consumed', () => {
    const invoice = issued(3000, 1000);
    invoice.pullEvents();
    expect(invoice.void(LATER)).toEqual({ balanceCredit: 1000 });
    expect(invoice.snapshot().invoice).toMatchObject({ status: 'void', voidedAt: LATER });
    expect(invoice.amountRemaining).toBe(0);
    expect(invoice.pullEvents().map((event) => event.type)).toEqual(['invoice.voided']);
  });

  it('writes off an open invoice once (invoice.marked_uncollectible), and refuses a paid one, changing nothing', () => {
    const open = issued();
    open.pullEvents();
    open.markUncollectible(LATER);
    expect(open.status).toBe('uncollectible');
    expect(open.pullEvents().map((event) => event.type)).toEqual(['invoice.marked_uncollectible']);
    expect(() => open.markUncollectible(LATER)).toThrow(InvalidState);
    expect(() => open.applyPayment(100, LATER)).toThrow(InvalidState);

    const paid = issued();
    paid.applyPayment(3000, LATER);
    paid.pullEvents();
    expect(() => paid.markUncollectible(LATER)).toThrow(InvalidState);
    expect(paid.status).toBe('paid');
    expect(paid.pullEvents()).toEqual([]);
  });

  it('says an open invoice is overdue, and nothing of a settled one', () => {
    const open = issued();
    const paid = issued();
    paid.applyPayment(3000, LATER);
    for (const invoice of [open, paid]) {
      invoice.pullEvents();
      invoice.overdue(LATER);
    }
    expect(open.pullEvents().map((event) => event.type)).toEqual(['invoice.overdue']);
    expect(paid.pullEvents()).toEqual([]);
  });

  it('refuses to void an invoice that has a payment', () => {
    const invoice = inStatus('open');
    invoice.applyPayment(100, NOW);
    expect(() => invoice.void(LATER)).toThrow(InvalidState);
  });

  it('credits an open invoice off what remains, settling it at 0; a paid one onto the balance, up to what it charged', () => {
    const open = inStatus('open');
    expect(open.credit(1000, LATER)).toEqual({ appliedTo: 'invoice', balanceCredit: 0 });
    expect(open.amountRemaining).toBe(2000);
    expect(open.pullEvents()).toEqual([]);
    expect(() => open.credit(2001, LATER)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    open.credit(2000, LATER);
    expect(open.status).toBe('paid');
    expect(open.pullEvents().map((event) => event.type)).toEqual(['invoice.paid']);

    const paid = inStatus('paid');
    expect(paid.credit(3000, LATER)).toEqual({ appliedTo: 'credit_balance', balanceCredit: 3000 });
    expect(() => paid.credit(1, LATER)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('refunds a paid invoice up to what was paid less earlier refunds, and refuses a refund of an unpaid one', () => {
    const open = inStatus('open');
    expect(() => open.credit(100, LATER, true)).toThrow(expect.objectContaining({ code: 'invoice_not_paid' }));
    open.applyPayment(3000, LATER);
    expect(open.credit(1000, LATER, true)).toEqual({ appliedTo: 'refund', balanceCredit: 0 });
    expect(open.snapshot().invoice).toMatchObject({ amountRefunded: 1000, amountCredited: 1000, status: 'paid' });
    expect(() => open.credit(2001, LATER, true)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(open.credit(2000, LATER, true).appliedTo).toBe('refund');
  });

  it('settles with payments: partial, then the rest raises invoice.paid', () => {
    const invoice = inStatus('open');
    invoice.applyPayment(1000, LATER);
    expect([invoice.status, invoice.amountRemaining]).toEqual(['open', 2000]);
    invoice.applyPayment(2000, LATER);
    expect(invoice.snapshot().invoice).toMatchObject({ status: 'paid', amountPaid: 3000, paidAt: LATER });
    expect(invoice.pullEvents().map((event) => event.type)).toEqual(['invoice.paid']);
  });
});
