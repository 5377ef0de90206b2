import { UnknownCurrencyError } from '@billing/kernel';
import { CreditNoteDocument, renderCreditNotePdf } from './credit-note-pdf';
import { readPdf } from '@billing/testing';

const at = (iso: string) => new Date(iso);

/** Berlin is UTC+2 in April: 22:00Z on 31 March is already 1 April there. */
function creditNote(overrides: Partial<CreditNoteDocument> = {}): CreditNoteDocument {
  return {
    number: 'CN-000007',
    invoiceNumber: 'INV-000042',
    issuedAt: at('2027-03-31T22:00:00Z'),
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    seller: { name: 'Acme Billing GmbH', address: 'Hauptstraße 1\n10115 Berlin', country: 'DE', taxId: 'DE123456789' },
    buyer: { name: '株式会社テスト', email: 'billing@test.example', address: { city: 'Tokyo', country: 'JP' }, taxId: null },
    reason: 'Downgrade from Pro to Basic',
    appliedTo: 'credit_balance',
    subtotal: 10000,
    tax: 2000,
    total: 12000,
    taxRate: { name: 'VAT', percentage: '20.0', inclusive: false },
    ...overrides,
  };
}

/** The text of a rendered credit note, as a reader copies it (one line of the page a line). */
const textOf = async (note: CreditNoteDocument): Promise<string> => (await readPdf(await renderCreditNotePdf(note))).text;

describe(renderCreditNotePdf.name, () => {
  it('shows its number, the invoice it credits, the reason, the parties and the totals with the tax by rate', async () => {
    const lines = (await textOf(creditNote())).split('\n');

    expect(lines).toEqual(
      expect.arrayContaining([
        'Credit note',
        'CN-000007',
        'Credit note number CN-000007',
        'Date of issue 1 Apr 2027',
        'Credits invoice INV-000042',
        'Acme Billing GmbH',
        'Tax ID: DE123456789',
        'Credit to',
        '株式会社テスト',
        'Reason',
        'Downgrade from Pro to Basic',
        'Tax rate Taxed amount Tax',
        'VAT 20% EUR 100.00 EUR 20.00',
        'Subtotal EUR 100.00',
        'Tax EUR 20.00',
        'Total EUR 120.00',
        'CN-000007 · Acme Billing GmbH Page 1 of 1',
      ]),
    );
  });

  it.each<[CreditNoteDocument['appliedTo'], string]>([
    ['invoice', 'Deducted from invoice INV-000042 EUR 120.00'],
    ['credit_balance', 'Credited to account balance EUR 120.00'],
    ['refund', 'Refunded EUR 120.00'],
  ])('says where a credit applied to %s went', async (appliedTo, expected) => {
    expect(await textOf(creditNote({ appliedTo }))).toContain(expected);
  });

  it('names an inclusive rate as included, and the amount it was charged on without the tax', async () => {
    const text = await textOf(creditNote({ subtotal: 12000, total: 12000, taxRate: { name: 'VAT', percentage: '20.0', inclusive: true } }));

    expect(text).toContain('VAT 20% incl. EUR 100.00 EUR 20.00');
  });

  it('leaves out the reason and the tax summary when the note has none', async () => {
    const text = await textOf(creditNote({ reason: null, tax: 0, total: 10000, taxRate: null }));

    expect(text).not.toContain('Reason');
    expect(text).not.toContain('Tax rate');
    expect(text).toContain('Total EUR 100.00');
  });

  it('renders the same bytes for the same note, whatever the clock says', async () => {
    const renders: Buffer[] = [];
    for (const now of ['2027-04-01T08:00:00Z', '2031-07-04T12:00:00Z']) {
      jest.useFakeTimers({ now: at(now), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        renders.push(await renderCreditNotePdf(creditNote()));
      } finally {
        jest.useRealTimers();
      }
    }

    expect(renders[1].equals(renders[0])).toBe(true);
  });

  it('rejects an unknown currency and an unknown time zone', async () => {
    await expect(renderCreditNotePdf(creditNote({ currency: 'XXX' }))).rejects.toBeInstanceOf(UnknownCurrencyError);
    await expect(renderCreditNotePdf(creditNote({ timeZone: 'Mars/Olympus_Mons' }))).rejects.toBeInstanceOf(RangeError);
  });
});
