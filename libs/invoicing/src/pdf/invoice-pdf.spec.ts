import { inflateSync } from 'node:zlib';
import { SUPPORTED_CURRENCIES, UnknownCurrencyError, minorUnits } from '@billing/kernel';
import { countryName, formatPeriod, formatQuantity, formatUnitAmount, toPdfText } from './format';
import { InvoiceDocument, formatMoney, renderInvoicePdf } from './invoice-pdf';
import { readPdf } from '@billing/testing';

/**
 * en-US puts a no-break space between the ISO code and the number. In the PDF it is drawn with the glyph
 * Noto Sans shares with the space, so the text read back has a plain space there.
 */
const NBSP = '\u00a0';

/** The text of a rendered invoice, as a reader copies it (one line of the page a line). */
const textOf = async (invoice: InvoiceDocument): Promise<string> => (await readPdf(await renderInvoicePdf(invoice))).text;

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** Every stream of the file, inflated when it is FlateDecode (PDFKit writes /Length as a direct number). */
function streams(pdf: Buffer): { dictionary: string; data: Buffer }[] {
  const found: { dictionary: string; data: Buffer }[] = [];
  const text = pdf.toString('latin1');
  const header = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const dictionary = match[1];
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    if (!Number.isInteger(length)) throw new Error(`stream without a direct /Length: ${dictionary}`);
    const start = match.index + match[0].length;
    const raw = pdf.subarray(start, start + length);
    found.push({ dictionary, data: /\/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw });
    header.lastIndex = start + length;
  }
  return found;
}

/** The fonts a PDF embeds, by their base names without the subset tag ("NotoSans-Regular"). */
const embeddedFonts = (pdf: Buffer): string[] =>
  [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map(([, name]) => name))].sort();

// ---- Fixtures ----------------------------------------------------------------------------------------------

const at = (iso: string) => new Date(iso);

const VAT = { name: 'VAT', percentage: '20.0', inclusive: false };

type Line = InvoiceDocument['lines'][number];

function line(overrides: Partial<Line> = {}): Line {
  return {
    description: 'Plan',
    quantity: '1',
    unitAmount: '1000',
    amount: 1000,
    taxAmount: 0,
    taxRate: null,
    periodStart: null,
    periodEnd: null,
    ...overrides,
  };
}

/** Berlin is UTC+2 in April: 22:00Z on 31 March is already 1 April there. */
function invoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    number: 'INV-000042',
    status: 'open',
    currency: 'USD',
    issuedAt: at('2027-03-31T22:00:00Z'),
    dueAt: at('2027-04-30T22:00:00Z'),
    periodStart: at('2027-03-31T22:00:00Z'),
    periodEnd: at('2027-04-30T22:00:00Z'),
    seller: { name: 'Acme Billing GmbH', address: 'Hauptstraße 1\n10115 Berlin', country: 'DE', taxId: 'DE123456789' },
    buyer: {
      name: 'Globex Corporation',
      email: 'billing@globex.example',
      address: { line1: '1 Infinite Loop', line2: 'Suite 200', city: 'Cupertino', region: 'CA', postal_code: '95014', country: 'US' },
      taxId: 'US-EIN-12-3456789',
    },
    lines: [
      line({
        description: 'Pro plan × 2',
        quantity: '2',
        unitAmount: '50000',
        amount: 100000,
        periodStart: at('2027-03-31T22:00:00Z'),
        periodEnd: at('2027-04-30T22:00:00Z'),
      }),
      line({
        description: 'API calls (per unit, 0.05 cents each)',
        quantity: '469120',
        unitAmount: '0.05',
        amount: 23456,
        periodStart: at('2027-02-28T23:00:00Z'),
        periodEnd: at('2027-03-31T22:00:00Z'),
      }),
    ],
    subtotal: 123456,
    tax: 0,
    total: 123456,
    creditApplied: 0,
    amountDue: 123456,
    amountPaid: 0,
    amountRemaining: 123456,
    notes: ['Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).'],
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

function manyLines(count: number): InvoiceDocument['lines'] {
  return Array.from({ length: count }, (_, index) => line({ description: `Seat add-on #${index + 1}`, taxAmount: 190 }));
}

/** Names in every script the fonts cover: Latin Extended, Greek, Cyrillic, Japanese, Chinese, Korean. */
const NAMES: [string, string][] = [
  ['Polish', 'Łódź Sp. z o.o.'],
  ['Czech', 'Čeština s.r.o.'],
  ['Danish', 'Ærø ApS'],
  ['Greek', 'Αθήνα Α.Ε.'],
  ['Russian', 'ООО Москва'],
  ['Japanese', '株式会社テスト'],
  ['Chinese', '北京有限公司'],
  ['Korean', '서울주식회사'],
  ['Polish and Japanese in one name', 'Łódź Sp. z o.o. / 株式会社テスト'],
];

// ---- Tests -------------------------------------------------------------------------------------------------

describe(renderInvoicePdf.name, () => {
  it('writes a complete PDF file', async () => {
    const pdf = await renderInvoicePdf(invoice());

    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect((await readPdf(pdf)).pages).toBe(1);
  });

  it('compresses its page content', async () => {
    const pdf = await renderInvoicePdf(invoice());
    const content = streams(pdf);

    expect(content.length).toBeGreaterThan(0);
    expect(content.every(({ dictionary }) => /\/FlateDecode/.test(dictionary))).toBe(true);
    // Nothing of the invoice is readable without inflating the streams.
    expect(pdf.toString('latin1')).not.toContain('Globex');
  });

  it('embeds subsets of Noto Sans alone for Latin text, and of Noto Sans CJK only when the text needs them', async () => {
    const latin = await renderInvoicePdf(invoice());
    const cjk = await renderInvoicePdf(invoice({ buyer: { name: '株式会社テスト', email: 'a@b.example' } }));

    expect(embeddedFonts(latin)).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    expect(latin.length).toBeLessThan(40_000);
    expect(embeddedFonts(cjk)).toEqual(['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansHans-Bold']);
  });

  it.each(NAMES)('prints %s text exactly: %s', async (_, name) => {
    const text = await textOf(
      invoice({
        seller: { name, taxId: 'PL1234567890' },
        buyer: { name, email: 'billing@example.com' },
        lines: [line({ description: name })],
      }),
    );

    // The seller, the buyer, the line's description and the footer ("INV-000042 · <seller>").
    expect(occurrences(text, name)).toBe(4);
    expect(text).not.toContain('\ufffd');
  });

  it('draws the runs of a line on one baseline, and right-aligns a line of several runs as a whole', async () => {
    const { items } = await readPdf(
      await renderInvoicePdf(
        invoice({
          seller: { name: 'Łódź Sp. z o.o. / 株式会社テスト' },
          lines: [line({ taxAmount: 100, taxRate: { name: '消費税', percentage: '10', inclusive: false } })],
        }),
      ),
    );
    const item = (text: string) => items.find((candidate) => candidate.text === text)!;

    expect(item('株式会社テスト').y).toBe(item('Łódź Sp. z o.o. /').y);
    expect(item('10%').y).toBe(item('消費税').y);
    expect(item('10%').x + item('10%').width).toBeCloseTo(item('USD 1.00').x + item('USD 1.00').width, 1);
  });

  it('shows the number, status, seller with its tax ID, buyer, lines, totals and notes', async () => {
    const text = await textOf(invoice());

    for (const expected of [
      'Invoice',
      'INV-000042',
      'OPEN',
      'Acme Billing GmbH',
      'Hauptstraße 1',
      '10115 Berlin',
      'Germany',
      'Tax ID: DE123456789',
      'Bill to',
      'Globex Corporation',
      'billing@globex.example',
      '1 Infinite Loop',
      'Suite 200',
      'Cupertino, CA 95014',
      'United States',
      'Tax ID: US-EIN-12-3456789',
      'Pro plan × 2',
      'API calls (per unit, 0.05 cents each)',
      '469,120',
      `USD 500.00`,
      `USD 1,000.00`,
      `USD 0.0005`,
      `USD 234.56`,
      'Subtotal',
      'Total',
      'Credit applied',
      'Amount due',
      'Amount paid',
      'Amount remaining',
      `USD 1,234.56`,
      'Notes',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Reverse charge: VAT to be accounted for/);
    expect(text).not.toContain('Credited to account balance');
  });

  it("shows each line's tax rate under its tax, and the tax by rate beside the totals", async () => {
    const text = await textOf(
      invoice({
        lines: [
          line({ description: 'Pro plan', amount: 100000, taxAmount: 20000, taxRate: VAT }),
          line({ description: 'Seats', amount: 5000, taxAmount: 1000, taxRate: VAT }),
          line({ description: 'Books', amount: 10700, taxAmount: 700, taxRate: { name: 'VAT', percentage: '7.0', inclusive: true } }),
          line({ description: 'Untaxed fee', amount: 500 }),
        ],
        subtotal: 116200,
        tax: 21700,
        total: 137200,
      }),
    );

    expect(occurrences(text, `USD 200.00\nVAT 20%\n`)).toBe(1);
    expect(text).toContain(`USD 7.00\nVAT 7% incl.\n`);
    expect(text).toContain('Tax rate Taxed amount Tax');
    // The exclusive rate's lines add up; the inclusive rate's amount is shown without its tax.
    expect(text).toContain(`VAT 20% USD 1,050.00 USD 210.00`);
    expect(text).toContain(`VAT 7% incl. USD 100.00 USD 7.00`);
  });

  it('prints dates and periods in the account time zone, periods as the days they cover', async () => {
    const text = await textOf(invoice());

    // 2027-03-31T22:00Z is 1 April in Berlin; the period's exclusive end (1 May 00:00) makes 30 April its last day.
    expect(text).toContain('Date of issue');
    expect(text).toContain('1 Apr 2027');
    expect(text).toContain('1 May 2027'); // due
    expect(text).toContain('1 Apr 2027 – 30 Apr 2027');
    expect(text).toContain('1 Mar 2027 – 31 Mar 2027'); // the usage line's own period
    expect(text).not.toContain('31 Mar 2027 –');

    const inUtc = await textOf(invoice({ timeZone: 'UTC' }));
    expect(inUtc).toContain('31 Mar 2027 – 30 Apr 2027');
  });

  it.each([
    ['USD', 123456, `USD 1,234.56`],
    ['JPY', 1200, `JPY 1,200`],
    ['KWD', 12500, `KWD 12.500`],
  ])('formats the %s total with its minor unit', async (currency, total, expected) => {
    const text = await textOf(
      invoice({
        currency,
        subtotal: total,
        total,
        amountDue: total,
        amountRemaining: total,
        lines: [line({ unitAmount: String(total), amount: total })],
      }),
    );

    expect(text).toContain(expected);
    expect(text).not.toContain(`${currency === 'USD' ? 'JPY' : 'USD'} `);
  });

  it('prints the Korean won by its ISO code, never a symbol shared with another currency', async () => {
    const krw = await textOf(invoice({ currency: 'KRW', subtotal: 50000, total: 50000, amountDue: 50000, amountRemaining: 50000 }));

    expect(krw).toContain(`KRW 50,000`);
    expect(krw).not.toContain('₩');
  });

  it('spreads 120 lines over several pages, repeating the table header and numbering the pages', async () => {
    const { text, pages } = await readPdf(await renderInvoicePdf(invoice({ lines: manyLines(120) })));

    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= 120; n += 1) expect(text).toContain(`Seat add-on #${n}`);
    expect(text).toContain('Description (continued)');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain(`USD 1,234.56`);
  });

  it('wraps a description of several scripts within its cell, above the next line', async () => {
    const description = 'Pro plan — Čeština Ærø Αθήνα Москва 株式会社テスト 北京有限公司 서울주식회사 and a tail that wraps';
    const { items } = await readPdf(
      await renderInvoicePdf(invoice({ lines: [line({ description }), line({ description: 'Next line' })] })),
    );

    const described = items.filter((item) => item.x < 190 && item.y > items.find((i) => i.text === 'Next line')!.y);
    const wrapped = described.filter((item) => description.includes(item.text.trim()));
    expect(new Set(wrapped.map((item) => item.y)).size).toBeGreaterThanOrEqual(3);
    expect(
      wrapped
        .map((item) => item.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(description.replace(/\s/g, ''));
  });

  it('cuts a description taller than a page allows with an ellipsis, keeping the line on one page', async () => {
    const description = `${'株式会社テスト and Łódź '.repeat(200)}END`;
    const { text, items } = await readPdf(await renderInvoicePdf(invoice({ lines: [line({ description })], notes: [] })));

    expect(text).toContain('…');
    expect(text).not.toContain('END');
    expect(items.filter((item) => item.text.includes('株式会社')).every((item) => item.page === 1)).toBe(true);
  });

  it('replaces a character that no font has with U+FFFD, drops invisible ones and control characters', async () => {
    const text = await textOf(invoice({ lines: [line({ description: 'Thanks 🙂\ufe0f\tagain' })] }));

    expect(text).toContain('Thanks \ufffd again');
  });

  it('renders the same bytes for the same invoice, whatever the clock says', async () => {
    const document = invoice({ buyer: { name: '서울주식회사 / 北京有限公司', email: 'a@b.example' }, lines: manyLines(120) });
    const first = await renderInvoicePdf(document);
    jest.useFakeTimers({ now: at('2031-07-04T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const second = await renderInvoicePdf(document);
      expect(second.equals(first)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('dates the document at the invoice issue', async () => {
    const pdf = (await renderInvoicePdf(invoice())).toString('latin1');

    // PDFKit writes the info dictionary's dates as indirect objects: /CreationDate 12 0 R … 12 0 obj (D:…).
    const date = (pdfText: string, key: string) => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(pdfText)?.[1];
      return new RegExp(`\\n${ref} 0 obj\\n\\((D:\\d{14}Z)\\)`).exec(pdfText)?.[1];
    };
    expect(date(pdf, 'CreationDate')).toBe('D:20270331220000Z');
    expect(date(pdf, 'ModDate')).toBe('D:20270331220000Z');
    const other = (await renderInvoicePdf(invoice({ issuedAt: at('2027-04-01T09:00:00Z') }))).toString('latin1');
    expect(date(other, 'CreationDate')).toBe('D:20270401090000Z');
  });

  it('marks a void invoice with a VOID label and watermark on every page', async () => {
    const { items, pages } = await readPdf(await renderInvoicePdf(invoice({ status: 'void', lines: manyLines(120) })));

    expect(items.filter((item) => item.text === 'VOID').length).toBe(pages + 1);
    const paid = await textOf(invoice({ status: 'paid' }));
    expect(paid).not.toContain('VOID');
    expect(paid).toContain('PAID');
  });

  it('shows credit applied as a deduction and what remains after payments', async () => {
    const text = await textOf(invoice({ creditApplied: 23456, amountDue: 100000, amountPaid: 40000, amountRemaining: 60000 }));

    expect(text).toContain(`-USD 234.56`);
    expect(text).toContain(`USD 1,000.00`);
    expect(text).toContain(`USD 400.00`);
    expect(text).toContain(`USD 600.00`);
  });

  it('reads as a credit, not a payment, when the total is negative', async () => {
    const text = await textOf(
      invoice({
        status: 'paid',
        lines: [line({ description: 'Downgrade to Basic', amount: -5000 })],
        subtotal: -5000,
        total: -5000,
        amountDue: 0,
        amountRemaining: 0,
      }),
    );

    expect(text).toContain('CREDIT');
    expect(text).not.toContain('PAID');
    expect(text).toContain(`Total -USD 50.00`);
    expect(text).toContain(`Credited to account balance USD 50.00`);
    for (const payment of ['Credit applied', 'Amount due', 'Amount paid', 'Amount remaining']) expect(text).not.toContain(payment);
  });

  it('writes the locality of an address as its country does', async () => {
    const text = (address: NonNullable<InvoiceDocument['buyer']['address']>) =>
      textOf(invoice({ buyer: { name: 'B', email: 'b@example.com', address } }));

    expect(await text({ line1: 'Rue de la Loi 16', city: 'Bruxelles', postal_code: '1000', country: 'BE' })).toContain(
      'Rue de la Loi 16\n1000 Bruxelles\nBelgium',
    );
    expect(await text({ city: 'Toronto', region: 'ON', postal_code: 'M5V 2T6', country: 'ca' })).toContain('Toronto, ON M5V 2T6\nCanada');
    expect(await text({ city: 'Milano', region: 'MI', postal_code: '20121' })).toContain('20121 Milano\nMI');
  });

  it('leaves out what the invoice does not have', async () => {
    const text = await textOf(
      invoice({
        periodStart: null,
        periodEnd: null,
        seller: { name: 'Acme' },
        buyer: { name: 'Solo', email: 'solo@example.com' },
        lines: [],
        notes: [],
      }),
    );

    expect(text).not.toContain('Tax ID');
    expect(text).not.toContain('Tax rate');
    expect(text).not.toContain('Notes');
    expect(text).not.toMatch(/^Period /m); // no invoice period (the table's header line starts with "Description")
    expect(text).toContain('Solo');
  });

  it('rejects an unknown currency, a fractional amount and an unknown time zone', async () => {
    await expect(renderInvoicePdf(invoice({ currency: 'XXX' }))).rejects.toBeInstanceOf(UnknownCurrencyError);
    await expect(renderInvoicePdf(invoice({ total: 12.5 }))).rejects.toBeInstanceOf(RangeError);
    await expect(renderInvoicePdf(invoice({ timeZone: 'Mars/Olympus_Mons' }))).rejects.toBeInstanceOf(RangeError);
  });
});

describe(formatMoney.name, () => {
  it.each<[number, string, string]>([
    [123456, 'USD', `USD${NBSP}1,234.56`],
    [1200, 'JPY', `JPY${NBSP}1,200`],
    [12500, 'KWD', `KWD${NBSP}12.500`],
    [1, 'BHD', `BHD${NBSP}0.001`],
    [5, 'EUR', `EUR${NBSP}0.05`],
    [50000, 'KRW', `KRW${NBSP}50,000`],
    [-2000, 'USD', `-USD${NBSP}20.00`],
    [-1, 'USD', `-USD${NBSP}0.01`],
    [-1200, 'JPY', `-JPY${NBSP}1,200`],
    [0, 'USD', `USD${NBSP}0.00`],
    [-0, 'USD', `USD${NBSP}0.00`],
    [0, 'JPY', `JPY${NBSP}0`],
    [0, 'KWD', `KWD${NBSP}0.000`],
    [900719925474099, 'USD', `USD${NBSP}9,007,199,254,740.99`],
    [Number.MAX_SAFE_INTEGER, 'USD', `USD${NBSP}90,071,992,547,409.91`],
    [Number.MAX_SAFE_INTEGER, 'KWD', `KWD${NBSP}9,007,199,254,740.991`],
    [-Number.MAX_SAFE_INTEGER, 'JPY', `-JPY${NBSP}9,007,199,254,740,991`],
  ])('%d %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('takes another locale', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe(`1.234,56${NBSP}EUR`);
  });

  it('shows every supported currency with exactly its ISO 4217 decimals', () => {
    for (const currency of SUPPORTED_CURRENCIES) {
      const decimals = minorUnits(currency);
      const expected = decimals === 0 ? '1,234,567' : `${'1234567'.slice(0, 7 - decimals)}.${'1234567'.slice(7 - decimals)}`;
      expect(formatMoney(1234567, currency).replace(/,/g, '')).toBe(`${currency}${NBSP}${expected.replace(/,/g, '')}`);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('rejects %d', (amount) => {
    expect(() => formatMoney(amount, 'USD')).toThrow(RangeError);
  });

  it('rejects a code without an ISO 4217 minor unit', () => {
    expect(() => formatMoney(100, 'XAU')).toThrow(UnknownCurrencyError);
    expect(() => formatMoney(100, 'usd')).toThrow(UnknownCurrencyError);
  });
});

describe(formatUnitAmount.name, () => {
  it.each<[string, string, string]>([
    ['0.05', 'USD', `USD${NBSP}0.0005`],
    ['1999', 'USD', `USD${NBSP}19.99`],
    ['1999.5', 'USD', `USD${NBSP}19.995`],
    ['0', 'USD', `USD${NBSP}0.00`],
    ['12.5', 'JPY', `JPY${NBSP}12.5`],
    ['3', 'KWD', `KWD${NBSP}0.003`],
    ['0.000000000001', 'USD', `USD${NBSP}0.00000000000001`],
    ['123456789012345.123456789012', 'USD', `USD${NBSP}1,234,567,890,123.45123456789012`],
    ['0.0000000000004', 'JPY', `JPY${NBSP}0`], // a 13th decimal is beyond what the catalog stores
    ['not a number', 'USD', 'not a number'],
  ])('%s %s → %s', (unitAmount, currency, expected) => {
    expect(formatUnitAmount(unitAmount, currency)).toBe(expected);
  });
});

describe(formatQuantity.name, () => {
  it.each([
    ['1', '1'],
    ['1500', '1,500'],
    ['2.50', '2.5'],
    ['0.000001', '0.000001'],
    ['12345678901234567890.5', '12,345,678,901,234,567,890.5'],
    ['n/a', 'n/a'],
  ])('%s → %s', (quantity, expected) => {
    expect(formatQuantity(quantity)).toBe(expected);
  });
});

describe(formatPeriod.name, () => {
  it.each<[string, string | null, string | null, string, string | null]>([
    ['a calendar month in its zone', '2027-03-31T22:00:00Z', '2027-04-30T22:00:00Z', 'Europe/Berlin', '1 Apr 2027 – 30 Apr 2027'],
    ['a period that ends mid-day', '2027-04-01T14:37:00Z', '2027-05-01T14:37:00Z', 'UTC', '1 Apr 2027 – 1 May 2027'],
    ['one day', '2027-04-01T00:00:00Z', '2027-04-02T00:00:00Z', 'UTC', '1 Apr 2027'],
    ['an empty period', '2027-04-01T00:00:00Z', '2027-04-01T00:00:00Z', 'UTC', '1 Apr 2027'],
    ['September (not "Sept")', '2027-09-01T00:00:00Z', '2027-10-01T00:00:00Z', 'UTC', '1 Sep 2027 – 30 Sep 2027'],
    ['a zone ahead of UTC', '2027-03-31T11:00:00Z', '2027-04-30T12:00:00Z', 'Pacific/Auckland', '1 Apr 2027 – 30 Apr 2027'],
    ['no start', null, '2027-04-02T00:00:00Z', 'UTC', null],
    ['no end', '2027-04-01T00:00:00Z', null, 'UTC', null],
  ])('%s', (_, start, end, timeZone, expected) => {
    expect(formatPeriod(start ? at(start) : null, end ? at(end) : null, timeZone)).toBe(expected);
  });
});

describe(toPdfText.name, () => {
  it.each([
    ['Łódź, Kraków — 株式会社', 'Łódź, Kraków — 株式会社'],
    ['o\u0301 (composed)', 'ó (composed)'],
    ['tab\there\r\nnext\rlast', 'tab here\nnext\nlast'],
    ['bell\u0007 and\u009b CSI', 'bell  and  CSI'],
  ])('%j → %j', (input, expected) => {
    expect(toPdfText(input)).toBe(expected);
  });
});

describe(countryName.name, () => {
  it.each([
    ['DE', 'Germany'],
    ['us', 'United States'],
    ['Atlantis', 'Atlantis'],
  ])('%s → %s', (code, expected) => {
    expect(countryName(code)).toBe(expected);
  });
});
