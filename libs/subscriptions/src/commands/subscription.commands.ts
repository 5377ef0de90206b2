import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';
import { Proration, Timing } from '../domain/subscription';
import { SubscriptionView } from '../queries/subscription.view';
import { PlanReference } from './plan-pricing';

export interface CreateSubscriptionInput extends PlanReference {
  accountId: string;
  quantity: number;
  startAt?: Date;
  trialDays?: number;
  metadata?: Record<string, string>;
}

export class CreateSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly input: CreateSubscriptionInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export interface ChangeSubscriptionInput extends PlanReference {
  quantity?: number;
  timing: Timing;
  proration: Proration;
}

export class ChangeSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly input: ChangeSubscriptionInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class CancelSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly timing: Timing,
    readonly proration: Proration,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class PauseSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly timing: Timing,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export class ResumeSubscriptionCommand extends Command<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
