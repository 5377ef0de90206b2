/**
 * What an issued invoice prints, frozen when it is finalized: the buyer, the seller, the names of the plans
 * and metrics it bills and its tax rates as they were then. The PDF renders from this alone, so a later
 * rename of the account, a new seller setting or a renamed tax rate never changes an issued document.
 * Stored as JSON (snake_case, like the API).
 */
export interface PostalAddress {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
}

export interface SellerSnapshot {
  name: string;
  address: string | null;
  country: string | null;
  tax_id: string | null;
}

export interface BuyerSnapshot {
  name: string;
  email: string;
  address: PostalAddress | null;
  tax_id: string | null;
}

export interface TaxRateSnapshot {
  name: string;
  /** Decimal string, e.g. "20.0". */
  percentage: string;
  inclusive: boolean;
}

export interface InvoiceSnapshot {
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  /** The account's IANA zone: every date of the document is printed in it. */
  time_zone: string;
  /** Plan code → name, for the plans on the invoice. */
  plans: Record<string, string>;
  /** Metric code → name, for the metrics on the invoice. */
  metrics: Record<string, string>;
  /** Tax rate id → name, percentage and whether prices include it. */
  tax_rates: Record<string, TaxRateSnapshot>;
}

/** Who issues and receives an account's documents, as known when they are issued. */
export interface DocumentParties {
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  timeZone: string;
}

/** Names of catalog items by code, for line descriptions and the snapshot. */
export interface CatalogNames {
  plans: ReadonlyMap<string, string>;
  metrics: ReadonlyMap<string, string>;
}
