import type { EntityManager } from 'typeorm';
import type { UsageCharge } from '../domain/generate-invoices';

/** The usage of one subscription over a window, to be billed on the invoice of `billedAt`. */
export interface UsageWindow {
  subscriptionId: string;
  planId: string;
  currency: string;
  from: Date;
  to: Date;
  billedAt: Date;
}

/**
 * Rates usage for invoices (the usage lib implements it). Answers, per window, the charges keyed by
 * `usageKey(subscriptionId, billedAt)`, including late events of windows already invoiced.
 */
export interface UsageSource {
  rate(manager: EntityManager, windows: readonly UsageWindow[]): Promise<Map<string, UsageCharge[]>>;
}

export const USAGE_SOURCE = Symbol('USAGE_SOURCE');

/** Until usage-based charges are wired in, invoices carry fees and proration only. */
export const NO_USAGE: UsageSource = { rate: async () => new Map() };
