import { Conflict } from '@billing/kernel';

/**
 * One active rate per country and region, so that an account's location names one rate (an invoice line
 * carries one `tax_rate_id`): deactivate the existing rate before creating or activating another.
 */
export class TaxRateExists extends Conflict {
  constructor(country: string, region: string | null, existingId?: string) {
    const place = region === null ? country : `${country}, region "${region}"`;
    const existing = existingId ? ` (${existingId})` : '';
    super(
      'tax_rate_exists',
      `An active tax rate for ${place} exists already${existing}; deactivate it (PATCH active: false) before adding another.`,
    );
  }
}
