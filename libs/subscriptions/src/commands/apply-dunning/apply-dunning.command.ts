import { Command } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/** What dunning decided for subscriptions, by account or by subscription. */
export interface DunningEffects {
  /** Accounts dunning blocks: their active and past-due subscriptions pause (unused days credited). */
  block?: readonly string[];
  /** Accounts dunning cancels: their subscriptions end now. */
  cancel?: readonly string[];
  /** Accounts with nothing overdue any more: what dunning paused resumes, and nothing stays past due. */
  recover?: readonly string[];
  /** Subscriptions with an invoice now past its due date unpaid: active → past_due. */
  pastDue?: readonly string[];
  /** Subscriptions whose overdue invoices are settled: past_due → active. */
  current?: readonly string[];
}

/** Applies dunning's effects to subscriptions, set-based, in the caller's transaction (the dunning step's). */
export class ApplyDunningCommand extends Command<void> {
  constructor(
    readonly effects: DunningEffects,
    readonly now: Date,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
