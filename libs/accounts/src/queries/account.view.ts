import type { Address, AccountProps, OverdueState } from '../domain/account';

/** An account as the API shows it (snake_case), and the payload of its events. */
export interface AccountView {
  id: string;
  object: 'account';
  name: string;
  email: string;
  currency: string;
  timezone: string;
  country: string | null;
  address: Address | null;
  tax_exempt: boolean;
  tax_id: string | null;
  external_key: string | null;
  bill_cycle_day: number | null;
  net_terms_days: number;
  metadata: Record<string, string>;
  credit_balance: number;
  overdue_state: OverdueState;
  created_at: string;
  updated_at: string;
}

export function toAccountView(props: Readonly<AccountProps>): AccountView {
  return {
    id: props.id,
    object: 'account',
    name: props.name,
    email: props.email,
    currency: props.currency,
    timezone: props.timezone,
    country: props.country,
    address: props.address,
    tax_exempt: props.taxExempt,
    tax_id: props.taxId,
    external_key: props.externalKey,
    bill_cycle_day: props.billCycleDay,
    net_terms_days: props.netTermsDays,
    metadata: props.metadata,
    credit_balance: props.creditBalance,
    overdue_state: props.overdueState,
    created_at: props.createdAt.toISOString(),
    updated_at: props.updatedAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'account.created': AccountView;
    'account.updated': AccountView;
  }
}
