import type { TaxRateProps } from '../domain/tax-rate';

/** A tax rate as the API shows it, and the payload of its events. */
export interface TaxRateView {
  id: string;
  object: 'tax_rate';
  name: string;
  description: string | null;
  percentage: string;
  country: string;
  region: string | null;
  inclusive: boolean;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export function toTaxRateView(props: Readonly<TaxRateProps>): TaxRateView {
  return {
    id: props.id,
    object: 'tax_rate',
    name: props.name,
    description: props.description,
    percentage: props.percentage,
    country: props.country,
    region: props.region,
    inclusive: props.inclusive,
    active: props.active,
    created_at: props.createdAt.toISOString(),
    updated_at: props.updatedAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'tax_rate.created': TaxRateView;
    'tax_rate.updated': TaxRateView;
  }
}
