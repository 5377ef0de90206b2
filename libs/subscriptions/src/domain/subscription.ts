import { EventType, exactAmount, ID_PREFIX, newId, RaisesEvents } from '@billing/kernel';
import { DateTime } from 'luxon';
import { BillingEvent, billingEvent, BillingEventType } from './billing-event';
import { BillingPeriod, BillingSchedule, firstPeriodWithBillCycleDay, nextPeriod, periodAt } from './periods';
import { prorationForChange, remainingCharge, unusedCredit } from './proration';
import { SubscribedPlan, SubscribingAccount } from './subscribed-plan';
import { cannot, NothingToChange, StartInThePast } from './subscription.errors';

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'paused', 'past_due', 'canceled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** When a change, cancel or pause takes effect. */
export const TIMINGS = ['immediate', 'end_of_period'] as const;
export type Timing = (typeof TIMINGS)[number];
/** Whether unused time is credited and the new price charged for the rest of the period. */
export const PRORATIONS = ['prorate', 'none'] as const;
export type Proration = (typeof PRORATIONS)[number];

export interface PendingChange {
  plan: SubscribedPlan;
  quantity: number;
  effectiveAt: Date;
}

export interface SubscriptionProps {
  id: string;
  accountId: string;
  currency: string;
  /** The account's zone when the subscription started: its periods are computed there. */
  timeZone: string;
  billCycleDay: number | null;
  plan: SubscribedPlan;
  quantity: number;
  status: SubscriptionStatus;
  /** Full periods are counted from the anchor (start, trial end, resume or interval change). */
  anchor: Date;
  anchorDay: number | null;
  /** Grows each time billing starts anew (start, trial end, resume, interval change): a fee is unique per epoch and period. */
  billingEpoch: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialEnd: Date | null;
  trialWillEndNotified: boolean;
  cancelAtPeriodEnd: boolean;
  pauseAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  pausedAt: Date | null;
  /** Paused by dunning's `block` step (resumed by the account's recovery), not by a person. */
  pausedByDunning: boolean;
  pendingChange: PendingChange | null;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface StartInput {
  account: SubscribingAccount;
  plan: SubscribedPlan;
  quantity: number;
  startAt: Date;
  trialDays?: number;
  metadata?: Record<string, string>;
}

export interface ChangeInput {
  plan: SubscribedPlan;
  quantity: number;
  timing: Timing;
  proration: Proration;
}

/** The largest quantity of a subscription (the requests' limit). */
export const MAX_QUANTITY = 1_000_000;
const TRIAL_WILL_END_DAYS = 3;
const BILLING_STATUSES: SubscriptionStatus[] = ['trialing', 'active', 'past_due'];

/**
 * A customer's subscription to a plan. Each state change records the billing events invoicing bills
 * from (fees in advance, proration credits and charges) and the domain events clients see.
 */
export class Subscription extends RaisesEvents<SubscriptionProps> {
  private billingEvents: BillingEvent[] = [];
  private now: Date;
  /** When its billable state (plan, price, quantity, status) last changed in this unit of work, for its history. */
  private stateChangedAt: Date;

  private constructor(private props: SubscriptionProps) {
    super();
    this.now = props.updatedAt;
    this.stateChangedAt = props.updatedAt;
  }

  static restore(props: SubscriptionProps): Subscription {
    return new Subscription(props);
  }

  static start(input: StartInput, now: Date): Subscription {
    if (input.startAt.getTime() < now.getTime()) throw new StartInThePast();
    const trialDays = input.trialDays ?? input.plan.trialDays;
    const subscription = new Subscription({
      id: newId(ID_PREFIX.subscription),
      accountId: input.account.id,
      currency: input.account.currency,
      timeZone: input.account.timeZone,
      billCycleDay: input.account.billCycleDay,
      plan: input.plan,
      quantity: input.quantity,
      status: trialDays > 0 ? 'trialing' : 'active',
      anchor: input.startAt,
      anchorDay: null,
      billingEpoch: 0,
      currentPeriodStart: input.startAt,
      currentPeriodEnd: input.startAt,
      trialEnd: null,
      trialWillEndNotified: false,
      cancelAtPeriodEnd: false,
      pauseAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      pausedAt: null,
      pausedByDunning: false,
      pendingChange: null,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    });
    subscription.stateChangedAt = input.startAt;
    if (trialDays > 0) {
      // During a trial the current period is the trial itself; nothing is billed until it ends.
      const trialEnd = DateTime.fromJSDate(input.startAt, { zone: input.account.timeZone }).plus({ days: trialDays }).toJSDate();
      subscription.props.trialEnd = trialEnd;
      subscription.props.currentPeriodEnd = trialEnd;
      subscription.record('trial_started', input.startAt, { start: input.startAt, end: trialEnd }, null);
    } else {
      subscription.startBilling(input.startAt, { honourBillCycleDay: true });
    }
    subscription.raise('subscription.created');
    return subscription;
  }

  /** Upgrades or downgrades the plan and/or quantity, now (prorated by day) or at the period's end. */
  change(input: ChangeInput, now: Date): void {
    this.touch(now);
    if (!BILLING_STATUSES.includes(this.props.status)) throw cannot('changed', this.props.status);
    const unchanged = input.plan.id === this.props.plan.id && input.quantity === this.props.quantity;
    if (unchanged && !this.props.pendingChange) throw new NothingToChange();
    if (input.timing === 'end_of_period') {
      this.props.pendingChange = { plan: input.plan, quantity: input.quantity, effectiveAt: this.props.currentPeriodEnd };
    } else if (this.props.status === 'trialing') {
      this.stateChangedAt = now;
      this.props.plan = input.plan;
      this.props.quantity = input.quantity;
      this.props.pendingChange = null;
    } else if (intervalOf(input.plan) !== intervalOf(this.props.plan)) {
      this.stateChangedAt = now;
      if (input.proration === 'prorate') this.creditUnusedTime(now);
      this.props.plan = input.plan;
      this.props.quantity = input.quantity;
      this.props.pendingChange = null;
      this.startBilling(now, { honourBillCycleDay: false });
    } else {
      this.stateChangedAt = now;
      const previousPlanId = this.props.plan.id;
      if (input.proration === 'prorate') {
        const { credit, charge } = prorationForChange({
          oldUnitAmount: this.props.plan.unitAmount,
          oldQuantity: this.props.quantity,
          newUnitAmount: input.plan.unitAmount,
          newQuantity: input.quantity,
          period: this.billedPeriod(),
          changeAt: now,
          timeZone: this.props.timeZone,
        });
        const rest = { start: now, end: this.props.currentPeriodEnd };
        if (credit !== 0) this.record('proration_credit', now, rest, credit);
        this.props.plan = input.plan;
        this.props.quantity = input.quantity;
        if (charge !== 0) this.record('proration_charge', now, rest, charge);
      }
      this.props.plan = input.plan;
      this.props.quantity = input.quantity;
      this.props.pendingChange = null;
      // Usage from now on is rated by the new plan: the old plan's window closes here.
      if (input.plan.id !== previousPlanId) this.record('plan_changed', now, { start: now, end: this.props.currentPeriodEnd }, null);
    }
    this.raise('subscription.updated');
  }

  cancel(timing: Timing, proration: Proration, now: Date): void {
    this.touch(now);
    const { status } = this.props;
    if (status === 'canceled') throw cannot('canceled', status);
    this.props.canceledAt = now;
    if (timing === 'end_of_period' && status !== 'paused' && status !== 'trialing') {
      this.props.cancelAtPeriodEnd = true;
      this.raise('subscription.updated');
      return;
    }
    if (proration === 'prorate' && (status === 'active' || status === 'past_due')) this.creditUnusedTime(now);
    this.end(now);
  }

  pause(timing: Timing, now: Date): void {
    this.touch(now);
    const { status } = this.props;
    if (status !== 'active' && status !== 'past_due') throw cannot('paused', status);
    if (timing === 'end_of_period') {
      this.props.pauseAtPeriodEnd = true;
      this.raise('subscription.updated');
      return;
    }
    this.creditUnusedTime(now);
    this.enterPause(now);
  }

  /** A paused subscription starts a new period now, billed in advance (a new anchor). */
  resume(now: Date): void {
    this.touch(now);
    if (this.props.status !== 'paused') {
      if (!this.props.pauseAtPeriodEnd) throw cannot('resumed', this.props.status);
      this.props.pauseAtPeriodEnd = false;
      this.raise('subscription.resumed');
      return;
    }
    this.props.status = 'active';
    this.stateChangedAt = now;
    this.props.pausedAt = null;
    this.props.pausedByDunning = false;
    this.record('resumed', now, { start: now, end: now }, null);
    this.startBilling(now, { honourBillCycleDay: false });
    this.raise('subscription.resumed');
  }

  /** An invoice of it passed its due date unpaid: an active subscription is `past_due` until that is settled. */
  markPastDue(now: Date): void {
    if (this.props.status !== 'active') return;
    this.touch(now);
    this.props.status = 'past_due';
    this.stateChangedAt = now;
    this.raise('subscription.updated');
  }

  /** What it owed past due is settled: `past_due` returns to `active`. */
  clearPastDue(now: Date): void {
    if (this.props.status !== 'past_due') return;
    this.touch(now);
    this.props.status = 'active';
    this.stateChangedAt = now;
    this.raise('subscription.updated');
  }

  /**
   * Dunning's `block`: paused at once like an immediate pause, so the unused days of the period are credited
   * (they are not served) and nothing renews until the account recovers. Only a billing subscription is
   * blocked; a trial owes nothing.
   */
  blockForDunning(now: Date): void {
    if (this.props.status !== 'active' && this.props.status !== 'past_due') return;
    this.pause('immediate', now);
    this.props.pausedByDunning = true;
  }

  /** The account recovered: what dunning paused resumes (a new period from now, billed in advance); a person's pause stays. */
  resumeAfterDunning(now: Date): void {
    if (this.props.status !== 'paused' || !this.props.pausedByDunning) return;
    this.resume(now);
  }

  /** Dunning's `cancel`: ended now, crediting nothing (what it owes is written off). */
  cancelForDunning(now: Date): void {
    if (this.props.status === 'canceled') return;
    this.cancel('immediate', 'none', now);
  }

  /**
   * Crosses the period boundaries due by `now` (trial ends, renewals, scheduled changes, cancels, pauses), at
   * most `maxBoundaries` of them, so that a long catch-up (a daily plan after a month without a scheduler)
   * goes in bounded steps. Answers whether a boundary is still due.
   */
  advance(now: Date, maxBoundaries = Number.POSITIVE_INFINITY): boolean {
    this.touch(now);
    for (let crossed = 0; this.boundaryDue(now); crossed++) {
      if (crossed >= maxBoundaries) return true;
      this.crossBoundary(this.props.currentPeriodEnd);
    }
    const { trialEnd, status, trialWillEndNotified } = this.props;
    if (
      status === 'trialing' &&
      trialEnd &&
      !trialWillEndNotified &&
      trialEnd.getTime() - TRIAL_WILL_END_DAYS * 86_400_000 <= now.getTime()
    ) {
      this.props.trialWillEndNotified = true;
      this.raise('subscription.trial_will_end');
    }
    return false;
  }

  private boundaryDue(now: Date): boolean {
    return BILLING_STATUSES.includes(this.props.status) && this.props.currentPeriodEnd.getTime() <= now.getTime();
  }

  get id(): string {
    return this.props.id;
  }

  /**
   * The instant its billable state took its present value (a boundary's instant, not when a late scheduler
   * crossed it): where its history's current version starts when that state is new.
   */
  billableStateSince(): Date {
    return this.stateChangedAt;
  }

  snapshot(): Readonly<SubscriptionProps> {
    return { ...this.props };
  }

  pullBillingEvents(): BillingEvent[] {
    const events = this.billingEvents;
    this.billingEvents = [];
    return events;
  }

  private crossBoundary(boundary: Date): void {
    if (this.props.status === 'trialing') {
      this.stateChangedAt = boundary;
      this.applyPendingChange();
      this.props.status = 'active';
      this.record('trial_ended', boundary, { start: boundary, end: boundary }, null);
      this.startBilling(boundary, { honourBillCycleDay: true });
      this.raise('subscription.updated');
      return;
    }
    if (this.props.cancelAtPeriodEnd) {
      this.end(boundary);
      return;
    }
    if (this.props.pauseAtPeriodEnd) {
      this.enterPause(boundary);
      return;
    }
    if (this.props.pendingChange) {
      this.stateChangedAt = boundary;
      const intervalChanged = intervalOf(this.props.pendingChange.plan) !== intervalOf(this.props.plan);
      this.applyPendingChange();
      this.raise('subscription.updated');
      if (intervalChanged) {
        this.startBilling(boundary, { honourBillCycleDay: false });
        return;
      }
    }
    const next = nextPeriod(this.schedule(), { start: this.props.currentPeriodStart, end: this.props.currentPeriodEnd });
    this.setPeriod(next);
    this.record('period_started', next.start, next, this.fullAmount());
  }

  /** Begins fee billing at `at`: a full period, or a prorated stub up to the account's bill cycle day. */
  private startBilling(at: Date, { honourBillCycleDay }: { honourBillCycleDay: boolean }): void {
    const { plan, billCycleDay, timeZone } = this.props;
    this.props.billingEpoch++;
    const usesCycleDay = honourBillCycleDay && billCycleDay !== null && (plan.interval === 'month' || plan.interval === 'year');
    if (usesCycleDay) {
      const start = firstPeriodWithBillCycleDay(at, billCycleDay, plan.interval, plan.intervalCount, timeZone);
      this.setSchedule(start.schedule);
      this.setPeriod(start.firstPeriod);
      const amount = start.isStub
        ? remainingCharge({
            unitAmount: plan.unitAmount,
            quantity: this.props.quantity,
            period: periodAt(start.schedule, -1),
            from: at,
            timeZone,
          })
        : this.fullAmount();
      this.record('period_started', at, start.firstPeriod, amount);
      return;
    }
    this.setSchedule({ anchor: at, interval: plan.interval, intervalCount: plan.intervalCount, timeZone });
    const period = periodAt(this.schedule(), 0);
    this.setPeriod(period);
    this.record('period_started', at, period, this.fullAmount());
  }

  private creditUnusedTime(now: Date): void {
    const credit = unusedCredit({
      unitAmount: this.props.plan.unitAmount,
      quantity: this.props.quantity,
      period: this.billedPeriod(),
      from: now,
      timeZone: this.props.timeZone,
    });
    if (credit !== 0) this.record('proration_credit', now, { start: now, end: this.props.currentPeriodEnd }, credit);
  }

  private end(at: Date): void {
    this.stateChangedAt = at;
    this.props.status = 'canceled';
    this.props.endedAt = at;
    this.props.cancelAtPeriodEnd = false;
    this.props.pauseAtPeriodEnd = false;
    this.props.pendingChange = null;
    this.record('canceled', at, { start: at, end: at }, null);
    this.raise('subscription.canceled');
  }

  private enterPause(at: Date): void {
    this.stateChangedAt = at;
    this.props.status = 'paused';
    this.props.pausedAt = at;
    this.props.pausedByDunning = false;
    this.props.pauseAtPeriodEnd = false;
    this.record('paused', at, { start: at, end: at }, null);
    this.raise('subscription.paused');
  }

  private applyPendingChange(): void {
    const pending = this.props.pendingChange;
    if (!pending) return;
    this.props.plan = pending.plan;
    this.props.quantity = pending.quantity;
    this.props.pendingChange = null;
  }

  /** The full period whose fee covers the current one (a bill-cycle stub is part of the period before the anchor). */
  private billedPeriod(): BillingPeriod {
    const current = { start: this.props.currentPeriodStart, end: this.props.currentPeriodEnd };
    const schedule = this.schedule();
    return current.end.getTime() === schedule.anchor.getTime() ? periodAt(schedule, -1) : current;
  }

  private schedule(): BillingSchedule {
    const { anchor, anchorDay, plan, timeZone } = this.props;
    return { anchor, interval: plan.interval, intervalCount: plan.intervalCount, timeZone, ...(anchorDay ? { anchorDay } : {}) };
  }

  private setSchedule(schedule: BillingSchedule): void {
    this.props.anchor = schedule.anchor;
    this.props.anchorDay = schedule.anchorDay ?? null;
  }

  private setPeriod(period: BillingPeriod): void {
    this.props.currentPeriodStart = period.start;
    this.props.currentPeriodEnd = period.end;
  }

  private fullAmount(): number {
    return exactAmount(BigInt(this.props.plan.unitAmount) * BigInt(this.props.quantity), 'The fee (price × quantity)', [
      { field: 'quantity', message: `× the plan's price (${this.props.plan.unitAmount}) is beyond the largest exact amount` },
    ]);
  }

  private record(type: BillingEventType, effectiveAt: Date, period: BillingPeriod, amount: number | null): void {
    const { id, accountId, plan, quantity, currency } = this.props;
    this.billingEvents.push(
      billingEvent(
        {
          subscriptionId: id,
          accountId,
          type,
          effectiveAt,
          periodStart: period.start,
          periodEnd: period.end,
          planId: plan.id,
          planCode: plan.code,
          quantity,
          unitAmount: plan.unitAmount,
          currency,
          amount,
          epoch: this.props.billingEpoch,
        },
        this.now,
      ),
    );
  }

  private raise(type: EventType): void {
    this.raiseEvent(type, this.props, this.now);
  }

  private touch(now: Date): void {
    this.now = now;
    this.props.updatedAt = now;
  }
}

function intervalOf(plan: SubscribedPlan): string {
  return `${plan.intervalCount}×${plan.interval}`;
}
