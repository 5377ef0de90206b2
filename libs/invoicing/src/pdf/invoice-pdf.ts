import {
  Buyer,
  Party,
  Seller,
  TaxRate,
  TaxSummaryRow,
  buyerParty,
  footerText,
  printable,
  sellerParty,
  taxRateLabel,
  taxSummary,
} from './document-parts';
import { formatDate, formatMoney, formatPeriod, formatQuantity, formatUnitAmount } from './format';
import { Badge, Cell, Column, Doc, MUTED, PdfLayout, TotalRow, renderPdf } from './layout';

export { formatMoney } from './format';

/** What the PDF of an invoice shows: the invoice as stored, with its account's seller/buyer details. */
export interface InvoiceDocument {
  number: string; // e.g. INV-000042
  status: string; // open | paid | void | uncollectible
  currency: string; // ISO 4217
  issuedAt: Date;
  dueAt: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  seller: Seller;
  buyer: Buyer;
  lines: {
    description: string;
    quantity: string;
    unitAmount: string;
    amount: number;
    taxAmount: number;
    /** The rate the line's tax was charged at; null for a line without tax. */
    taxRate: TaxRate | null;
    periodStart: Date | null;
    periodEnd: Date | null;
  }[];
  subtotal: number;
  tax: number;
  /** Negative for a credit (a cancellation or a downgrade): the PDF then reads as a credit, not a payment. */
  total: number;
  creditApplied: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  notes: string[]; // e.g. the reverse charge note
  timeZone: string; // the account's IANA zone: dates are printed in it
}

/** A description taller than this is cut with an ellipsis, so that one line never spans two pages. */
const MAX_CELL_HEIGHT = 320;

const STATUS_COLORS: Readonly<Record<string, string>> = {
  paid: '#1a7f37',
  open: '#0b5cad',
  void: '#b42318',
  uncollectible: '#b42318',
  draft: MUTED,
};

/** Statuses stamped across every page: the document is not a valid demand for payment. */
const WATERMARKS: Readonly<Record<string, string>> = { void: 'VOID', draft: 'DRAFT' };

/** The badge of an invoice whose total is negative: money goes to the customer, nothing was paid. */
const CREDIT_BADGE: Badge = { word: 'CREDIT', color: '#475467' };

/**
 * The lines table: 495 pt, the A4 page less its margins. At 8 pt, the period column holds the widest
 * "28 May 2027 – 30 May 2027" (101 pt) and the amount column "USD 1,234,567.89" (66 pt) on one line;
 * longer values wrap within their cell. The tax column shows each line's rate under its tax.
 */
const COLUMNS: readonly Column[] = [
  { title: 'Description', width: 140, align: 'left' },
  { title: 'Period', width: 110, align: 'left' },
  { title: 'Qty', width: 40, align: 'right' },
  { title: 'Unit price', width: 70, align: 'right' },
  { title: 'Amount', width: 75, align: 'right' },
  { title: 'Tax', width: 60, align: 'right' },
];
const TABLE_STYLE = { size: 8 };
const ROW_GAP = 5;

/** Every string the PDF shows, formatted before drawing starts. */
interface PreparedInvoice {
  number: string;
  badge: Badge;
  watermark: string | undefined;
  seller: Party;
  buyer: Party;
  meta: [string, string][];
  rows: Cell[][];
  totals: TotalRow[];
  taxes: TaxSummaryRow[];
  notes: string[];
  footer: string;
}

function badge(status: string, total: number): Badge {
  if (total < 0 && !WATERMARKS[status]) return CREDIT_BADGE;
  return { word: printable(status.toUpperCase()), color: STATUS_COLORS[status] ?? MUTED };
}

/**
 * An invoice's totals: what it comes to, the credit applied and the payments; a negative invoice instead
 * credits its amount to the account's balance.
 */
function totals(invoice: InvoiceDocument, money: (amountMinor: number) => string): TotalRow[] {
  const charged: TotalRow[] = [
    { label: 'Subtotal', value: money(invoice.subtotal), strong: false },
    { label: 'Tax', value: money(invoice.tax), strong: false },
    { label: 'Total', value: money(invoice.total), strong: true },
  ];
  if (invoice.total < 0) {
    return [...charged, { label: 'Credited to account balance', value: money(-invoice.total), strong: true }];
  }
  return [
    ...charged,
    // Shown as the deduction it is: amount due = total − credit applied.
    { label: 'Credit applied', value: money(-invoice.creditApplied), strong: false },
    { label: 'Amount due', value: money(invoice.amountDue), strong: true },
    { label: 'Amount paid', value: money(invoice.amountPaid), strong: false },
    { label: 'Amount remaining', value: money(invoice.amountRemaining), strong: true },
  ];
}

function prepare(invoice: InvoiceDocument): PreparedInvoice {
  const { currency, timeZone } = invoice;
  const money = (amount: number): string => formatMoney(amount, currency);
  const status = invoice.status.trim().toLowerCase();
  const period = formatPeriod(invoice.periodStart, invoice.periodEnd, timeZone);
  const meta: [string, string][] = [
    ['Invoice number', printable(invoice.number)],
    ['Date of issue', formatDate(invoice.issuedAt, timeZone)],
    ['Date due', formatDate(invoice.dueAt, timeZone)],
  ];
  if (period) meta.push(['Period', period]);

  return {
    number: printable(invoice.number),
    badge: badge(status, invoice.total),
    watermark: WATERMARKS[status],
    seller: sellerParty(invoice.seller),
    buyer: buyerParty(invoice.buyer),
    meta,
    rows: invoice.lines.map((line) => [
      { text: printable(line.description) },
      { text: formatPeriod(line.periodStart, line.periodEnd, timeZone) ?? '' },
      { text: printable(formatQuantity(line.quantity)) },
      { text: printable(formatUnitAmount(line.unitAmount, currency)) },
      { text: money(line.amount) },
      { text: money(line.taxAmount), detail: line.taxRate ? taxRateLabel(line.taxRate) : undefined },
    ]),
    totals: totals(invoice, money),
    taxes: taxSummary(
      invoice.lines.map((line) => ({ rate: line.taxRate, amount: line.amount, tax: line.taxAmount })),
      money,
    ),
    notes: invoice.notes.map(printable).filter((note) => note.length > 0),
    footer: footerText(invoice.number, invoice.seller),
  };
}

class InvoiceLayout extends PdfLayout {
  constructor(
    doc: Doc,
    private readonly invoice: PreparedInvoice,
  ) {
    super(doc);
  }

  draw(): void {
    const { invoice } = this;
    this.header('Invoice', invoice.number, invoice.badge);
    this.parties(invoice.seller, invoice.meta, 'Bill to', invoice.buyer);
    this.linesTable();
    this.totals(invoice.totals, invoice.taxes);
    this.notes('Notes', invoice.notes);
    this.decoratePages(invoice.footer, invoice.watermark);
  }

  private tableHeader(continued: boolean): void {
    const titles = COLUMNS.map(({ title }, index) => ({ text: continued && index === 0 ? `${title} (continued)` : title }));
    const style = { ...TABLE_STYLE, bold: true, color: MUTED };
    this.drawRow(COLUMNS, titles, this.left, style);
    this.y += this.rowHeight(COLUMNS, titles, style) + 3;
    this.rule(this.y, MUTED);
    this.y += ROW_GAP;
  }

  private linesTable(): void {
    this.ensureRoom(60);
    this.tableHeader(false);
    const style = { ...TABLE_STYLE, maxHeight: MAX_CELL_HEIGHT };
    for (const row of this.invoice.rows) {
      const height = this.rowHeight(COLUMNS, row, style);
      if (this.ensureRoom(height + ROW_GAP)) this.tableHeader(true);
      this.drawRow(COLUMNS, row, this.left, style);
      this.y += height + ROW_GAP - 2;
      this.rule(this.y);
      this.y += ROW_GAP;
    }
    this.y += 8;
  }
}

/**
 * The PDF of an invoice, compressed, on A4 pages (renderPdf: the same invoice gives the same bytes).
 * Text of any script that Noto Sans and Noto Sans CJK cover prints as it is (fonts.ts). Amounts are
 * printed with their ISO code (formatMoney); dates as "1 Apr 2027" in the account's `timeZone`; a period
 * as the dates it covers (its exclusive end less one millisecond). An invoice with a negative total (a
 * credit) is badged CREDIT and credits its amount to the account's balance instead of showing payments.
 * Rejects with UnknownCurrencyError for a currency without a minor unit, RangeError for a non-integer
 * amount or an unknown time zone.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  return renderPdf(
    { title: `Invoice ${printable(invoice.number)}`, author: printable(invoice.seller.name), issuedAt: invoice.issuedAt },
    (doc) => new InvoiceLayout(doc, prepare(invoice)).draw(),
  );
}
