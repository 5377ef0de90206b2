import { BillingProfile } from '@billing/accounts';
import { catalogNames } from '@billing/catalog';
import { AppConfig } from '@billing/core';
import { USAGE_WINDOW_BOUNDARIES, usageWindowsClosedAt } from '@billing/subscriptions';
import { UsageCharge, UsageWindow, usageWindowKey } from '@billing/usage';
import { EntityManager } from 'typeorm';
import { BillableEvent } from '../domain/generate-invoices';
import { DocumentParties, SellerSnapshot } from '../domain/invoice-snapshot';
import { taxTreatment, TaxRate, TaxTreatment } from '../domain/taxes';

/** What the bill run and the preview hand the generator besides events: one way to build each input. */

/** The seller from the configuration: what invoices issued from now on print. */
export function sellerOf(config: Pick<AppConfig, 'sellerName' | 'sellerAddress' | 'sellerCountry' | 'sellerTaxId'>): SellerSnapshot {
  return {
    name: config.sellerName,
    address: config.sellerAddress ?? null,
    country: config.sellerCountry ?? null,
    tax_id: config.sellerTaxId ?? null,
  };
}

export function treatmentOf(account: BillingProfile, rates: readonly TaxRate[], seller: SellerSnapshot): TaxTreatment {
  return taxTreatment(
    { country: account.country, region: account.region, taxExempt: account.taxExempt, taxId: account.taxId },
    rates,
    seller.country ?? undefined,
  );
}

export function partiesOf(account: BillingProfile, seller: SellerSnapshot): DocumentParties {
  return {
    seller,
    buyer: { name: account.name, email: account.email, address: account.address, tax_id: account.taxId },
    timeZone: account.timeZone,
  };
}

/** The names of the plans and metrics that the events and usage bill. */
export function namesFor(manager: EntityManager, events: readonly BillableEvent[], usage: ReadonlyMap<string, readonly UsageCharge[]>) {
  const metricCodes = [...usage.values()].flatMap((charges) => charges.map((charge) => charge.metricCode));
  return catalogNames(
    manager,
    events.map((event) => event.planCode),
    metricCodes,
  );
}

/**
 * Usage is billed in arrears on the invoice of an instant that closes a usage window (a renewal, a plan
 * change, a pause or a cancel; see the subscriptions lib's usage windows): the window that instant ends.
 */
export async function usageWindows(manager: EntityManager, events: readonly BillableEvent[]): Promise<UsageWindow[]> {
  const closing = new Map<string, { subscriptionId: string; at: Date }>();
  for (const event of events) {
    if ((USAGE_WINDOW_BOUNDARIES as string[]).includes(event.type)) {
      closing.set(usageWindowKey(event.subscriptionId, event.effectiveAt), { subscriptionId: event.subscriptionId, at: event.effectiveAt });
    }
  }
  const windows = await usageWindowsClosedAt(manager, [...closing.values()]);
  return windows.map(({ closedAt, ...window }) => ({ ...window, billedAt: closedAt }));
}
