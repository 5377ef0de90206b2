import { Interval } from './periods';

/** What a subscription needs to know of a plan, priced in the account's currency. */
export interface SubscribedPlan {
  id: string;
  code: string;
  interval: Interval;
  intervalCount: number;
  trialDays: number;
  /** The recurring fee per unit of quantity, in minor units of the account's currency. */
  unitAmount: number;
}

/** What a subscription needs to know of its account. */
export interface SubscribingAccount {
  id: string;
  currency: string;
  timeZone: string;
  billCycleDay: number | null;
}
