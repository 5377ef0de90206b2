import PDFDocument from 'pdfkit';
import { countryName, formatDate, formatMoney, formatPeriod, formatQuantity, formatUnitAmount, toPdfText } from './format';

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
  seller: { name: string; address?: string; country?: string; taxId?: string };
  buyer: {
    name: string;
    email: string;
    address?: {
      line1?: string;
      line2?: string;
      city?: string;
      region?: string;
      postal_code?: string;
      country?: string;
    } | null;
    taxId?: string | null;
  };
  lines: {
    description: string;
    quantity: string;
    unitAmount: string;
    amount: number;
    taxAmount: number;
    periodStart: Date | null;
    periodEnd: Date | null;
  }[];
  subtotal: number;
  tax: number;
  total: number;
  creditApplied: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  notes: string[]; // e.g. the reverse charge note
  timeZone: string; // the account's IANA zone: dates are printed in it
}

// ---- Page geometry (points; A4) -------------------------------------------------------------------------

const PAGE_SIZE = 'A4';
const MARGIN = 50;
/** Room kept below the content for the page footer. */
const BOTTOM_MARGIN = 64;
const FOOTER_OFFSET = 36;
/** A description taller than this is cut with an ellipsis, so that one line never spans two pages. */
const MAX_CELL_HEIGHT = 320;

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#cccccc';

const STATUS_COLORS: Readonly<Record<string, string>> = {
  paid: '#1a7f37',
  open: '#0b5cad',
  void: '#b42318',
  uncollectible: '#b42318',
  draft: '#555555',
};

/** Statuses stamped across every page: the document is not a valid demand for payment. */
const WATERMARKS: Readonly<Record<string, string>> = { void: 'VOID', draft: 'DRAFT' };

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

/**
 * The lines table: 495 pt, the A4 page less its margins. At 8 pt, the period column holds the widest
 * "28 May 2027 – 30 May 2027" (101 pt) and the amount column "USD 1,234,567.89" (66 pt) on one line;
 * longer values wrap within their cell.
 */
const COLUMNS: readonly Column[] = [
  { title: 'Description', width: 140, align: 'left' },
  { title: 'Period', width: 110, align: 'left' },
  { title: 'Qty', width: 40, align: 'right' },
  { title: 'Unit price', width: 70, align: 'right' },
  { title: 'Amount', width: 75, align: 'right' },
  { title: 'Tax', width: 60, align: 'right' },
];
const CELL_PADDING = 3;
const TABLE_FONT_SIZE = 8;
const ROW_GAP = 5;

type Doc = PDFKit.PDFDocument;

interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
  ellipsis?: boolean;
  height?: number;
}

/** Every string the PDF shows, formatted (and made drawable with the standard fonts) before drawing starts. */
interface Prepared {
  number: string;
  status: string;
  statusColor: string;
  watermark: string | undefined;
  seller: string[];
  sellerName: string;
  buyerName: string;
  buyer: string[];
  meta: [string, string][];
  rows: string[][];
  totals: { label: string; value: string; strong: boolean }[];
  notes: string[];
  footer: string;
}

type PostalAddress = NonNullable<InvoiceDocument['buyer']['address']>;

/** Countries that write "City, Region 12345" on one line (elsewhere: "12345 City", then the region). */
const POSTAL_CODE_AFTER_CITY = new Set(['US', 'CA', 'AU']);

/** The city, region and postal code lines of an address, in the order its country writes them. */
function localityLines(address: PostalAddress): string[] {
  const [city, region, postalCode] = [address.city, address.region, address.postal_code].map((part) => (part ?? '').trim());
  const join = (parts: string[], separator: string) => parts.filter(Boolean).join(separator);
  if (POSTAL_CODE_AFTER_CITY.has((address.country ?? '').trim().toUpperCase())) {
    return [join([join([city, region], ', '), postalCode], ' ')];
  }
  return [join([postalCode, city], ' '), region];
}

function prepare(invoice: InvoiceDocument): Prepared {
  const { currency, timeZone } = invoice;
  const money = (amount: number): string => formatMoney(amount, currency);
  const text = (value: string | null | undefined): string => toPdfText((value ?? '').trim());
  const nonEmpty = (values: (string | null | undefined)[]): string[] => values.map(text).filter((value) => value.length > 0);

  const status = invoice.status.trim().toLowerCase();
  const period = formatPeriod(invoice.periodStart, invoice.periodEnd, timeZone);
  const meta: [string, string][] = [
    ['Invoice number', text(invoice.number)],
    ['Date of issue', formatDate(invoice.issuedAt, timeZone)],
    ['Date due', formatDate(invoice.dueAt, timeZone)],
  ];
  if (period) meta.push(['Period', period]);

  const address = invoice.buyer.address ?? {};
  const buyerTaxId = text(invoice.buyer.taxId);
  const sellerTaxId = text(invoice.seller.taxId);

  return {
    number: text(invoice.number),
    status: text(status.toUpperCase()),
    statusColor: STATUS_COLORS[status] ?? MUTED,
    watermark: WATERMARKS[status],
    sellerName: text(invoice.seller.name),
    seller: [
      ...nonEmpty((invoice.seller.address ?? '').split(/\r?\n/)),
      ...nonEmpty([invoice.seller.country ? countryName(invoice.seller.country) : null]),
      ...(sellerTaxId ? [`Tax ID: ${sellerTaxId}`] : []),
    ],
    buyerName: text(invoice.buyer.name),
    buyer: [
      ...nonEmpty([invoice.buyer.email, address.line1, address.line2, ...localityLines(address)]),
      ...nonEmpty([address.country ? countryName(address.country) : null]),
      ...(buyerTaxId ? [`Tax ID: ${buyerTaxId}`] : []),
    ],
    meta,
    rows: invoice.lines.map((line) => [
      text(line.description),
      formatPeriod(line.periodStart, line.periodEnd, timeZone) ?? '',
      text(formatQuantity(line.quantity)),
      text(formatUnitAmount(line.unitAmount, currency)),
      money(line.amount),
      money(line.taxAmount),
    ]),
    totals: [
      { label: 'Subtotal', value: money(invoice.subtotal), strong: false },
      { label: 'Tax', value: money(invoice.tax), strong: false },
      { label: 'Total', value: money(invoice.total), strong: true },
      // Shown as the deduction it is: amount due = total − credit applied.
      { label: 'Credit applied', value: money(-invoice.creditApplied), strong: false },
      { label: 'Amount due', value: money(invoice.amountDue), strong: true },
      { label: 'Amount paid', value: money(invoice.amountPaid), strong: false },
      { label: 'Amount remaining', value: money(invoice.amountRemaining), strong: true },
    ],
    notes: nonEmpty(invoice.notes),
    footer: [text(invoice.number), text(invoice.seller.name)].filter(Boolean).join(' · '),
  };
}

/** Lays the invoice out page by page, keeping the cursor itself (it reads PDFKit's doc.y only after a note, which may flow over pages). */
class InvoiceLayout {
  private y = MARGIN;
  private readonly left = MARGIN;
  private readonly width: number;
  private readonly bottom: number;

  constructor(
    private readonly doc: Doc,
    private readonly invoice: Prepared,
  ) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - BOTTOM_MARGIN;
  }

  draw(): void {
    this.header();
    this.parties();
    this.linesTable();
    this.totals();
    this.notes();
    this.decoratePages();
  }

  private style(style: TextStyle): void {
    this.doc
      .font(style.font ?? FONT)
      .fontSize(style.size ?? 10)
      .fillColor(style.color ?? INK);
  }

  private heightOf(text: string, width: number, style: TextStyle): number {
    if (text.length === 0) return 0;
    this.style(style);
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  /** Draws `text` in a box of `width` at (x, y) and answers its height. */
  private put(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    if (text.length === 0) return 0;
    this.style(style);
    const height = Math.min(this.heightOf(text, width, style), style.height ?? Infinity);
    this.doc.text(text, x, y, {
      width,
      align: style.align ?? 'left',
      lineGap: 1,
      ...(style.height !== undefined ? { height: style.height, ellipsis: style.ellipsis ?? true } : {}),
    });
    return height;
  }

  private rule(y: number, color = RULE, weight = 0.5): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor(color)
      .stroke();
  }

  /** Starts a new page when `height` more points do not fit on this one; answers whether it did. */
  private ensureRoom(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.doc.addPage();
    this.y = MARGIN;
    return true;
  }

  private header(): void {
    const { doc, invoice } = this;
    const titleHeight = this.put('Invoice', this.left, this.y, this.width / 2, { font: FONT_BOLD, size: 24 });
    // The status as a label at the right of the title.
    this.style({ font: FONT_BOLD, size: 11 });
    const labelWidth = doc.widthOfString(invoice.status) + 12;
    const labelX = this.left + this.width - labelWidth;
    doc
      .roundedRect(labelX, this.y + 4, labelWidth, 18, 3)
      .lineWidth(1)
      .strokeColor(invoice.statusColor)
      .stroke();
    this.put(invoice.status, labelX, this.y + 9, labelWidth, {
      font: FONT_BOLD,
      size: 11,
      color: invoice.statusColor,
      align: 'center',
    });
    this.y += titleHeight + 2;
    this.y += this.put(invoice.number, this.left, this.y, this.width / 2, { size: 12, color: MUTED }) + 18;
  }

  /** Seller (left) and the invoice's number and dates (right), then the buyer. */
  private parties(): void {
    const { invoice } = this;
    const columnWidth = this.width / 2 - 10;
    const rightX = this.left + this.width / 2 + 10;
    const top = this.y;

    let leftY = top;
    leftY += this.put(invoice.sellerName, this.left, leftY, columnWidth, { font: FONT_BOLD, size: 11 }) + 2;
    for (const line of invoice.seller) {
      leftY += this.put(line, this.left, leftY, columnWidth, { size: 9, color: MUTED });
    }

    let rightY = top;
    const labelWidth = 80;
    for (const [label, value] of invoice.meta) {
      const labelHeight = this.put(label, rightX, rightY, labelWidth, { size: 9, color: MUTED });
      const valueHeight = this.put(value, rightX + labelWidth, rightY, columnWidth - labelWidth, {
        font: FONT_BOLD,
        size: 9,
        align: 'right',
      });
      rightY += Math.max(labelHeight, valueHeight) + 3;
    }

    this.y = Math.max(leftY, rightY) + 20;
    this.y += this.put('Bill to', this.left, this.y, columnWidth, { font: FONT_BOLD, size: 9, color: MUTED }) + 2;
    this.y += this.put(invoice.buyerName, this.left, this.y, columnWidth, { font: FONT_BOLD, size: 11 }) + 2;
    for (const line of invoice.buyer) {
      this.y += this.put(line, this.left, this.y, columnWidth, { size: 9, color: MUTED });
    }
    this.y += 24;
  }

  private tableHeader(continued: boolean): void {
    let x = this.left;
    let height = 0;
    for (const column of COLUMNS) {
      const title = continued && column === COLUMNS[0] ? `${column.title} (continued)` : column.title;
      height = Math.max(
        height,
        this.put(title, x + CELL_PADDING, this.y, column.width - 2 * CELL_PADDING, {
          font: FONT_BOLD,
          size: TABLE_FONT_SIZE,
          color: MUTED,
          align: column.align,
        }),
      );
      x += column.width;
    }
    this.y += height + 3;
    this.rule(this.y, MUTED);
    this.y += ROW_GAP;
  }

  private linesTable(): void {
    this.ensureRoom(60);
    this.tableHeader(false);
    for (const row of this.invoice.rows) {
      const style = { size: TABLE_FONT_SIZE };
      const height = Math.min(
        MAX_CELL_HEIGHT,
        Math.max(...row.map((cell, i) => this.heightOf(cell, COLUMNS[i].width - 2 * CELL_PADDING, style))),
      );
      if (this.ensureRoom(height + ROW_GAP)) this.tableHeader(true);
      let x = this.left;
      row.forEach((cell, i) => {
        const column = COLUMNS[i];
        this.put(cell, x + CELL_PADDING, this.y, column.width - 2 * CELL_PADDING, {
          ...style,
          align: column.align,
          height: MAX_CELL_HEIGHT,
        });
        x += column.width;
      });
      this.y += height + ROW_GAP - 2;
      this.rule(this.y);
      this.y += ROW_GAP;
    }
    this.y += 8;
  }

  private totals(): void {
    const labelWidth = 130;
    const valueWidth = 130;
    const labelX = this.left + this.width - labelWidth - valueWidth;
    const rows = this.invoice.totals.map((row) => {
      const style = { font: row.strong ? FONT_BOLD : FONT, size: 9 };
      return {
        ...row,
        style,
        height: Math.max(this.heightOf(row.label, labelWidth, style), this.heightOf(row.value, valueWidth, style)),
      };
    });
    // The totals stay together: with the last lines when they fit, else on a page of their own.
    this.ensureRoom(rows.reduce((sum, row) => sum + row.height + 5, 0));
    for (const row of rows) {
      this.put(row.label, labelX, this.y, labelWidth, row.style);
      this.put(row.value, labelX + labelWidth, this.y, valueWidth, { ...row.style, align: 'right' });
      this.y += row.height + 5;
    }
    this.y += 16;
  }

  private notes(): void {
    const { notes } = this.invoice;
    if (notes.length === 0) return;
    const style = { size: 9 };
    this.ensureRoom(14 + this.heightOf(notes[0], this.width, style));
    this.y += this.put('Notes', this.left, this.y, this.width, { font: FONT_BOLD, size: 9, color: MUTED }) + 3;
    for (const note of notes) {
      const height = this.heightOf(note, this.width, style);
      // A note longer than a page flows onto the next one; shorter notes are never split.
      if (height <= this.bottom - MARGIN) this.ensureRoom(height);
      this.put(note, this.left, this.y, this.width, style);
      // PDFKit moved the cursor past the text (onto a new page when it flowed over).
      this.y = this.doc.y + 4;
    }
  }

  /** The footer ("Page 2 of 3") and, for a void or draft invoice, the watermark, on every page. */
  private decoratePages(): void {
    const { doc, invoice } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      // Text below the bottom margin would make PDFKit open another page.
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, bottom: 0 };
      const y = doc.page.height - FOOTER_OFFSET;
      this.rule(y - 6);
      this.put(invoice.footer, this.left, y, this.width * 0.7, { size: 8, color: MUTED });
      this.put(`Page ${index - range.start + 1} of ${range.count}`, this.left + this.width * 0.7, y, this.width * 0.3, {
        size: 8,
        color: MUTED,
        align: 'right',
      });
      if (invoice.watermark) this.watermark(invoice.watermark);
      doc.page.margins = margins;
    }
  }

  private watermark(word: string): void {
    const { doc } = this;
    const centerX = doc.page.width / 2;
    const centerY = doc.page.height / 2;
    doc.save();
    doc.rotate(-35, { origin: [centerX, centerY] });
    doc.fillOpacity(0.12);
    this.put(word, 0, centerY - 60, doc.page.width, {
      font: FONT_BOLD,
      size: 120,
      color: STATUS_COLORS.void,
      align: 'center',
    });
    doc.restore();
  }
}

/**
 * The PDF of an invoice, compressed, on A4 pages with PDFKit's built-in Helvetica (nothing is read from
 * the network or the file system beyond PDFKit's own font metrics). Pure: the same invoice gives the same
 * bytes, since the document's dates and file identifier derive from `issuedAt`. Amounts are printed with
 * their ISO code (formatMoney); dates as "1 Apr 2027" in the account's `timeZone`; a period as the dates
 * it covers (its exclusive end less one millisecond). Text the standard fonts cannot draw is replaced
 * (toPdfText). Rejects with UnknownCurrencyError for a currency without a minor unit, RangeError for a
 * non-integer amount or an unknown time zone.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const prepared = prepare(invoice);
      const issuedAt = new Date(invoice.issuedAt.getTime());
      const doc = new PDFDocument({
        size: PAGE_SIZE,
        margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM_MARGIN },
        bufferPages: true,
        compress: true,
        lang: 'en',
        displayTitle: true,
        info: {
          Title: `Invoice ${prepared.number}`,
          Author: prepared.sellerName,
          Creator: 'billing-platform',
          Producer: 'PDFKit',
          CreationDate: issuedAt,
          ModDate: issuedAt,
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      new InvoiceLayout(doc, prepared).draw();
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
