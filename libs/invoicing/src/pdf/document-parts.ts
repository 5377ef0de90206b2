import type { Address } from '@billing/accounts';
import { countryName, formatPercentage, toPdfText } from './format';

/**
 * What invoices and credit notes print alike: the seller, the buyer and tax rates, as the strings the
 * layout draws.
 */

export interface Seller {
  name: string;
  address?: string;
  country?: string;
  taxId?: string;
}

export interface Buyer {
  name: string;
  email: string;
  address?: Address | null;
  taxId?: string | null;
}

/** A tax rate as the document names it: `percentage` is a decimal string ("20.0" = 20 %). */
export interface TaxRate {
  name: string;
  percentage: string;
  /** Whether the amounts it applies to already include the tax. */
  inclusive: boolean;
}

/** A party as printed: its name in bold, then its other lines. */
export interface Party {
  name: string;
  lines: string[];
}

/** One row of the tax summary: the rate, the amount it was charged on (tax excluded) and the tax. */
export interface TaxSummaryRow {
  rate: string;
  net: string;
  tax: string;
}

/** A value of the document as printed: trimmed, control characters removed (toPdfText); '' for none. */
export function printable(value: string | null | undefined): string {
  return toPdfText((value ?? '').trim());
}

function printableLines(values: (string | null | undefined)[]): string[] {
  return values.map(printable).filter((value) => value.length > 0);
}

function taxIdLine(taxId: string | null | undefined): string[] {
  const printed = printable(taxId);
  return printed ? [`Tax ID: ${printed}`] : [];
}

/** Countries that write "City, Region 12345" on one line (elsewhere: "12345 City", then the region). */
const POSTAL_CODE_AFTER_CITY = new Set(['US', 'CA', 'AU']);

/** The city, region and postal code lines of an address, in the order its country writes them. */
function localityLines(address: Address): string[] {
  const [city, region, postalCode] = [address.city, address.region, address.postal_code].map((part) => (part ?? '').trim());
  const join = (parts: string[], separator: string) => parts.filter(Boolean).join(separator);
  if (POSTAL_CODE_AFTER_CITY.has((address.country ?? '').trim().toUpperCase())) {
    return [join([join([city, region], ', '), postalCode], ' ')];
  }
  return [join([postalCode, city], ' '), region];
}

export function sellerParty(seller: Seller): Party {
  return {
    name: printable(seller.name),
    lines: [
      ...printableLines((seller.address ?? '').split(/\r?\n/)),
      ...printableLines([seller.country ? countryName(seller.country) : null]),
      ...taxIdLine(seller.taxId),
    ],
  };
}

export function buyerParty(buyer: Buyer): Party {
  const address = buyer.address ?? {};
  return {
    name: printable(buyer.name),
    lines: [
      ...printableLines([buyer.email, address.line1, address.line2, ...localityLines(address)]),
      ...printableLines([address.country ? countryName(address.country) : null]),
      ...taxIdLine(buyer.taxId),
    ],
  };
}

/** The footer of every page: the document's number and the seller ("INV-000042 · Acme Billing GmbH"). */
export function footerText(number: string, seller: Seller): string {
  return [printable(number), printable(seller.name)].filter(Boolean).join(' · ');
}

/** "VAT 20%", or "VAT 20% incl." for a rate included in the amounts. */
export function taxRateLabel(rate: TaxRate): string {
  return `${printable(rate.name)} ${formatPercentage(rate.percentage)}${rate.inclusive ? ' incl.' : ''}`;
}

/** An amount (in minor units) charged at `rate` and its tax; for an inclusive rate the amount holds the tax. */
export interface Taxed {
  rate: TaxRate | null;
  amount: number;
  tax: number;
}

/**
 * The tax by rate, in the order the rates first appear: what each was charged on, tax excluded, and its
 * tax. Amounts without a rate are left out.
 */
export function taxSummary(items: readonly Taxed[], money: (amountMinor: number) => string): TaxSummaryRow[] {
  const byRate = new Map<string, { net: number; tax: number }>();
  for (const { rate, amount, tax } of items) {
    if (!rate) continue;
    const label = taxRateLabel(rate);
    const sum = byRate.get(label) ?? { net: 0, tax: 0 };
    sum.net += rate.inclusive ? amount - tax : amount;
    sum.tax += tax;
    byRate.set(label, sum);
  }
  return [...byRate].map(([rate, { net, tax }]) => ({ rate, net: money(net), tax: money(tax) }));
}
