import { Buyer, Seller, TaxRate, buyerParty, footerText, printable, sellerParty, taxSummary } from './document-parts';
import { formatDate, formatMoney } from './format';
import { Doc, PdfLayout, TotalRow, renderPdf } from './layout';

/** What the PDF of a credit note shows: the note as issued, with its account's seller/buyer details. */
export interface CreditNoteDocument {
  number: string; // e.g. CN-000007
  invoiceNumber: string; // the invoice it credits, e.g. INV-000042
  issuedAt: Date;
  currency: string; // ISO 4217
  timeZone: string; // the account's IANA zone: dates are printed in it
  seller: Seller;
  buyer: Buyer;
  reason: string | null;
  appliedTo: 'invoice' | 'credit_balance' | 'refund';
  // Minor units, positive: what the note credits.
  subtotal: number;
  tax: number;
  total: number;
  taxRate: TaxRate | null;
}

/** Where the credited total went, as the last line of the totals says it. */
function appliedToLabel(note: CreditNoteDocument): string {
  switch (note.appliedTo) {
    case 'invoice':
      return `Deducted from invoice ${printable(note.invoiceNumber)}`;
    case 'credit_balance':
      return 'Credited to account balance';
    case 'refund':
      return 'Refunded';
  }
}

class CreditNoteLayout extends PdfLayout {
  constructor(
    doc: Doc,
    private readonly note: CreditNoteDocument,
  ) {
    super(doc);
  }

  draw(): void {
    const { note } = this;
    const money = (amount: number): string => formatMoney(amount, note.currency);
    const number = printable(note.number);
    const totals: TotalRow[] = [
      { label: 'Subtotal', value: money(note.subtotal), strong: false },
      { label: 'Tax', value: money(note.tax), strong: false },
      { label: 'Total', value: money(note.total), strong: true },
      { label: appliedToLabel(note), value: money(note.total), strong: true },
    ];
    const meta: [string, string][] = [
      ['Credit note number', number],
      ['Date of issue', formatDate(note.issuedAt, note.timeZone)],
      ['Credits invoice', printable(note.invoiceNumber)],
    ];
    const reason = printable(note.reason);

    this.header('Credit note', number, undefined);
    this.parties(sellerParty(note.seller), meta, 'Credit to', buyerParty(note.buyer));
    this.notes('Reason', reason ? [reason] : []);
    this.totals(totals, taxSummary([{ rate: note.taxRate, amount: note.subtotal, tax: note.tax }], money));
    this.decoratePages(footerText(note.number, note.seller), undefined);
  }
}

/**
 * The PDF of a credit note, laid out as an invoice is (layout.ts): the note's number, the invoice it
 * credits, the reason, the totals with the tax by rate, and where the credit went ("Deducted from invoice
 * INV-000042", "Credited to account balance", "Refunded"). The same note always gives the same bytes.
 * Rejects with UnknownCurrencyError for a currency without a minor unit, RangeError for a non-integer
 * amount or an unknown time zone.
 */
export function renderCreditNotePdf(note: CreditNoteDocument): Promise<Buffer> {
  return renderPdf(
    { title: `Credit note ${printable(note.number)}`, author: printable(note.seller.name), issuedAt: note.issuedAt },
    (doc) => new CreditNoteLayout(doc, note).draw(),
  );
}
