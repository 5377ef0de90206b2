import type { InvoiceSnapshot, SellerSnapshot } from '../domain/invoice-snapshot';
import type { Buyer, Seller } from './document-parts';

/** The parties of a document as its snapshot froze them, in the shape the PDF renderers take. */
export function sellerOf(seller: SellerSnapshot): Seller {
  return {
    name: seller.name,
    address: seller.address ?? undefined,
    country: seller.country ?? undefined,
    taxId: seller.tax_id ?? undefined,
  };
}

export function buyerOf({ buyer }: InvoiceSnapshot): Buyer {
  return { name: buyer.name, email: buyer.email, address: buyer.address, taxId: buyer.tax_id };
}
