/** What invoicing bills of usage: pure shapes shared with the invoice generator. */

/** One usage line of an invoice: one metric over one window (or a late correction of an earlier window). */
export interface UsageCharge {
  subscriptionId: string;
  metricCode: string;
  quantity: string;
  unitAmount: string;
  amount: number;
  description: string;
  periodStart: Date;
  periodEnd: Date;
  /** Set on the correction for events that arrived after their window was invoiced. */
  late?: boolean;
}

/** The key invoicing files a window's charges under: `${subscriptionId}@${epoch ms of billedAt}`. */
export function usageWindowKey(subscriptionId: string, billedAt: Date): string {
  return `${subscriptionId}@${billedAt.getTime()}`;
}
