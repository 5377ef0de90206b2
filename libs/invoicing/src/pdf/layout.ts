import PDFDocument from 'pdfkit';
import { Party, TaxSummaryRow } from './document-parts';
import { TextRun, baselineOffset, fontRuns, registerFonts } from './fonts';

/**
 * The page layout that invoices and credit notes share: A4 pages, the header with the document's title
 * and badge, the parties, the totals beside the tax summary, notes, and the footer and watermark on every
 * page. Text is drawn in the fonts of fonts.ts, each string split into runs by font.
 */

export type Doc = PDFKit.PDFDocument;

// ---- Page geometry (points; A4) -------------------------------------------------------------------------

const PAGE_SIZE = 'A4';
export const MARGIN = 50;
/** Room kept below the content for the page footer. */
const BOTTOM_MARGIN = 64;
const FOOTER_OFFSET = 36;
/** Text lines are this many points apart, beyond the font's own line height. */
const LINE_GAP = 1;
/** The font size of a text whose style gives none. */
const DEFAULT_SIZE = 10;

export const INK = '#111111';
export const MUTED = '#555555';
const RULE = '#cccccc';
/** The colour of a VOID or DRAFT watermark. */
const WATERMARK = '#b42318';

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** A text taller than this is cut with an ellipsis. */
  maxHeight?: number;
}

/** A label at the right of the title ("PAID", "CREDIT"), drawn in `color`. */
export interface Badge {
  word: string;
  color: string;
}

export interface TotalRow {
  label: string;
  value: string;
  strong: boolean;
}

/** A column of a table: cells are padded by CELL_PADDING on either side. */
export interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

/** A table cell: its text, and an optional muted line under it (the tax rate under a line's tax). */
export interface Cell {
  text: string;
  detail?: string;
}

const CELL_PADDING = 3;

/** The widths of the totals block at the right of the page; the tax summary takes the room at its left. */
const TOTALS_LABEL_WIDTH = 165;
const TOTALS_VALUE_WIDTH = 90;
const TOTALS_GAP = 20;

/** Lays a document out page by page, keeping the cursor itself (it reads PDFKit's doc.y only after a note, which may flow over pages). */
export class PdfLayout {
  protected y = MARGIN;
  protected readonly left = MARGIN;
  protected readonly width: number;
  protected readonly bottom: number;

  constructor(protected readonly doc: Doc) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - BOTTOM_MARGIN;
  }

  // ---- Text ----------------------------------------------------------------------------------------------

  private runs(text: string, style: TextStyle): TextRun[] {
    this.doc.fontSize(style.size ?? DEFAULT_SIZE).fillColor(style.color ?? INK);
    return fontRuns(text, style.bold ? 'bold' : 'regular');
  }

  /** PDFKit's baseline option (a number is minus the distance below the top of the line) for every run of `style`. */
  private baseline(style: TextStyle): number {
    return -baselineOffset(style.size ?? DEFAULT_SIZE);
  }

  private options(width: number, style: TextStyle, continued: boolean): PDFKit.Mixins.TextOptions {
    return { width, align: style.align ?? 'left', lineGap: LINE_GAP, baseline: this.baseline(style), continued };
  }

  /**
   * The height of `text` in a box of `width`. Each run is measured as it is drawn, continued from the one
   * before it, so PDFKit wraps the runs as one paragraph and sums their lines.
   */
  protected heightOf(text: string, width: number, style: TextStyle = {}): number {
    const runs = this.runs(text, style);
    return runs.reduce(
      (height, run, index) =>
        height + this.doc.font(run.font).heightOfString(run.text, this.options(width, style, index < runs.length - 1)),
      0,
    );
  }

  protected widthOf(text: string, style: TextStyle = {}): number {
    return this.runs(text, style).reduce((width, run) => width + this.doc.font(run.font).widthOfString(run.text), 0);
  }

  /** `text` cut, with an ellipsis, to its longest beginning that fits in `maxHeight` (all of it when it fits). */
  private fit(text: string, width: number, maxHeight: number, style: TextStyle): string {
    if (this.heightOf(text, width, style) <= maxHeight) return text;
    const chars = [...text];
    const cut = (length: number) => `${chars.slice(0, length).join('').trimEnd()}…`;
    let [fits, overflows] = [0, chars.length];
    while (overflows - fits > 1) {
      const middle = Math.floor((fits + overflows) / 2);
      if (this.heightOf(cut(middle), width, style) <= maxHeight) fits = middle;
      else overflows = middle;
    }
    return cut(fits);
  }

  /**
   * Draws runs one after the other, the first at (x, y). PDFKit takes the options of a call without x
   * and y as its second argument (given as the fourth, they would be ignored).
   */
  private drawRuns(runs: readonly TextRun[], x: number, y: number, options: (continued: boolean) => PDFKit.Mixins.TextOptions): void {
    runs.forEach((run, index) => {
      const runOptions = options(index < runs.length - 1);
      if (index === 0) this.doc.font(run.font).text(run.text, x, y, runOptions);
      else this.doc.font(run.font).text(run.text, runOptions);
    });
  }

  /** Draws `text` in a box of `width` at (x, y) and answers its height. */
  protected put(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const shown = style.maxHeight === undefined ? text : this.fit(text, width, style.maxHeight, style);
    const runs = this.runs(shown, style);
    const align = style.align ?? 'left';
    const lineWidth = this.widthOf(shown, style);
    if (runs.length > 1 && align !== 'left' && lineWidth <= width && !shown.includes('\n')) {
      // PDFKit aligns each text call on its own, so a line of several runs is placed as a whole.
      const offset = align === 'right' ? width - lineWidth : (width - lineWidth) / 2;
      this.drawRuns(runs, x + offset, y, () => ({ lineBreak: false, baseline: this.baseline(style) }));
    } else {
      // Several runs that wrap are aligned left: PDFKit cannot align a line made of several runs.
      const wrapped = runs.length > 1 ? { ...style, align: 'left' as const } : style;
      this.drawRuns(runs, x, y, (continued) => this.options(width, wrapped, continued));
    }
    return this.heightOf(shown, width, style);
  }

  protected rule(y: number, color = RULE, weight = 0.5): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor(color)
      .stroke();
  }

  /** Starts a new page when `height` more points do not fit on this one; answers whether it did. */
  protected ensureRoom(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.doc.addPage();
    this.y = MARGIN;
    return true;
  }

  // ---- Blocks --------------------------------------------------------------------------------------------

  /** The title, the badge at its right, and the document number under it. */
  protected header(title: string, number: string, badge: Badge | undefined): void {
    const titleHeight = this.put(title, this.left, this.y, this.width / 2, { bold: true, size: 24 });
    if (badge) this.badge(badge);
    this.y += titleHeight + 2;
    this.y += this.put(number, this.left, this.y, this.width / 2, { size: 12, color: MUTED }) + 18;
  }

  private badge({ word, color }: Badge): void {
    const style = { bold: true, size: 11, color, align: 'center' } as const;
    const labelWidth = this.widthOf(word, style) + 12;
    const labelX = this.left + this.width - labelWidth;
    this.doc
      .roundedRect(labelX, this.y + 4, labelWidth, 18, 3)
      .lineWidth(1)
      .strokeColor(color)
      .stroke();
    this.put(word, labelX, this.y + 7, labelWidth, style);
  }

  /** The seller (left) and the document's number and dates (right), then the buyer under `buyerHeading`. */
  protected parties(seller: Party, meta: readonly (readonly [string, string])[], buyerHeading: string, buyer: Party): void {
    const columnWidth = this.width / 2 - 10;
    const rightX = this.left + this.width / 2 + 10;
    const top = this.y;

    let leftY = top;
    leftY += this.put(seller.name, this.left, leftY, columnWidth, { bold: true, size: 11 }) + 2;
    for (const line of seller.lines) {
      leftY += this.put(line, this.left, leftY, columnWidth, { size: 9, color: MUTED });
    }

    let rightY = top;
    const labelWidth = 100;
    for (const [label, value] of meta) {
      const labelHeight = this.put(label, rightX, rightY, labelWidth, { size: 9, color: MUTED });
      const valueHeight = this.put(value, rightX + labelWidth, rightY, columnWidth - labelWidth, { bold: true, size: 9, align: 'right' });
      rightY += Math.max(labelHeight, valueHeight) + 3;
    }

    this.y = Math.max(leftY, rightY) + 20;
    this.y += this.put(buyerHeading, this.left, this.y, columnWidth, { bold: true, size: 9, color: MUTED }) + 2;
    this.y += this.put(buyer.name, this.left, this.y, columnWidth, { bold: true, size: 11 }) + 2;
    for (const line of buyer.lines) {
      this.y += this.put(line, this.left, this.y, columnWidth, { size: 9, color: MUTED });
    }
    this.y += 24;
  }

  /** The height of a table row: its tallest cell. */
  protected rowHeight(columns: readonly Column[], cells: readonly Cell[], style: TextStyle): number {
    return Math.max(
      0,
      ...cells.map((cell, index) => {
        const width = columns[index].width - 2 * CELL_PADDING;
        const textHeight = Math.min(this.heightOf(cell.text, width, style), style.maxHeight ?? Infinity);
        return textHeight + (cell.detail ? this.heightOf(cell.detail, width, { ...style, color: MUTED }) : 0);
      }),
    );
  }

  /** Draws a table row from `x` at the cursor (which it leaves where it is). */
  protected drawRow(columns: readonly Column[], cells: readonly Cell[], x: number, style: TextStyle): void {
    cells.forEach((cell, index) => {
      const { width, align } = columns[index];
      const cellStyle = { ...style, align };
      const textHeight = this.put(cell.text, x + CELL_PADDING, this.y, width - 2 * CELL_PADDING, cellStyle);
      if (cell.detail) {
        this.put(cell.detail, x + CELL_PADDING, this.y + textHeight, width - 2 * CELL_PADDING, {
          ...cellStyle,
          color: MUTED,
          maxHeight: undefined,
        });
      }
      x += width;
    });
  }

  /**
   * The totals at the right, and the tax by rate at their left: kept together, with what precedes them
   * when they fit, else on a page of their own.
   */
  protected totals(rows: readonly TotalRow[], taxes: readonly TaxSummaryRow[]): void {
    const labelX = this.left + this.width - TOTALS_LABEL_WIDTH - TOTALS_VALUE_WIDTH;
    const measured = rows.map((row) => {
      const style = { bold: row.strong, size: 9 };
      const height = Math.max(this.heightOf(row.label, TOTALS_LABEL_WIDTH, style), this.heightOf(row.value, TOTALS_VALUE_WIDTH, style));
      return { ...row, style, height };
    });
    const totalsHeight = measured.reduce((sum, row) => sum + row.height + 5, 0);
    const summary = this.taxSummaryTable(taxes, labelX - TOTALS_GAP - this.left);
    const summaryHeight = summary.rows.reduce((sum, row) => sum + this.rowHeight(summary.columns, row.cells, row.style) + 4, 0);
    this.ensureRoom(Math.max(totalsHeight, summaryHeight));

    const top = this.y;
    for (const row of summary.rows) {
      this.drawRow(summary.columns, row.cells, this.left, row.style);
      this.y += this.rowHeight(summary.columns, row.cells, row.style) + 4;
    }
    this.y = top;
    for (const row of measured) {
      this.put(row.label, labelX, this.y, TOTALS_LABEL_WIDTH, row.style);
      this.put(row.value, labelX + TOTALS_LABEL_WIDTH, this.y, TOTALS_VALUE_WIDTH, { ...row.style, align: 'right' });
      this.y += row.height + 5;
    }
    this.y = Math.max(this.y, top + summaryHeight) + 16;
  }

  /** The tax summary as a table of `width`: the column titles, then a row per rate; nothing without taxes. */
  private taxSummaryTable(taxes: readonly TaxSummaryRow[], width: number) {
    const columns: Column[] = [
      { title: 'Tax rate', width: width * 0.4, align: 'left' },
      { title: 'Taxed amount', width: width * 0.3, align: 'right' },
      { title: 'Tax', width: width * 0.3, align: 'right' },
    ];
    const titles = { cells: columns.map(({ title }) => ({ text: title })), style: { bold: true, size: 8, color: MUTED } };
    const rates = taxes.map(({ rate, net, tax }) => ({ cells: [{ text: rate }, { text: net }, { text: tax }], style: { size: 8 } }));
    return { columns, rows: taxes.length > 0 ? [titles, ...rates] : [] };
  }

  /** Paragraphs under `heading`; a paragraph longer than a page flows onto the next one, shorter ones are never split. */
  protected notes(heading: string, paragraphs: readonly string[]): void {
    if (paragraphs.length === 0) return;
    const style = { size: 9 };
    this.ensureRoom(14 + this.heightOf(paragraphs[0], this.width, style));
    this.y += this.put(heading, this.left, this.y, this.width, { bold: true, size: 9, color: MUTED }) + 3;
    for (const paragraph of paragraphs) {
      const height = this.heightOf(paragraph, this.width, style);
      if (height <= this.bottom - MARGIN) this.ensureRoom(height);
      this.put(paragraph, this.left, this.y, this.width, style);
      // PDFKit moved the cursor past the text (onto a new page when it flowed over).
      this.y = this.doc.y + 4;
    }
    this.y += 12;
  }

  /** The footer ("INV-000042 · Acme", "Page 2 of 3") and, when given, the watermark, on every page. */
  protected decoratePages(footer: string, watermark: string | undefined): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      // Text below the bottom margin would make PDFKit open another page.
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, bottom: 0 };
      const y = doc.page.height - FOOTER_OFFSET;
      this.rule(y - 6);
      this.put(footer, this.left, y, this.width * 0.7, { size: 8, color: MUTED });
      this.put(`Page ${index - range.start + 1} of ${range.count}`, this.left + this.width * 0.7, y, this.width * 0.3, {
        size: 8,
        color: MUTED,
        align: 'right',
      });
      if (watermark) this.watermark(watermark);
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
    this.put(word, 0, centerY - 60, doc.page.width, { bold: true, size: 120, color: WATERMARK, align: 'center' });
    doc.restore();
  }
}

/** What the document's Info dictionary says. */
export interface PdfInfo {
  title: string;
  author: string;
  /** The document's own date: the Info dates, so the same document always gives the same bytes. */
  issuedAt: Date;
}

/**
 * The PDF that `draw` lays out, compressed, on A4 pages. Pure: the Info dates come from `issuedAt`, never
 * the clock, and PDFKit derives the file identifier (/ID) from the Info dictionary (an MD5 of its entries,
 * nothing random), so the same document always gives the same bytes. Rejects with what `draw` throws.
 */
export function renderPdf(info: PdfInfo, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const issuedAt = new Date(info.issuedAt.getTime());
      const doc = new PDFDocument({
        size: PAGE_SIZE,
        margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM_MARGIN },
        bufferPages: true,
        compress: true,
        lang: 'en',
        displayTitle: true,
        info: {
          Title: info.title,
          Author: info.author,
          Creator: 'billing-platform',
          Producer: 'PDFKit',
          CreationDate: issuedAt,
          ModDate: issuedAt,
        },
      });
      registerFonts(doc);
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
