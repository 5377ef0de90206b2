import { appendToOutbox, continueTraces } from '@billing/core';
import { Clock, domainEvent } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConnectionPool } from '../delivery/connection-pool';
import { deliver, DeliveryResult } from '../delivery/deliver';
import type { UrlPolicy } from '../delivery/url-policy';
import { AttemptOutcome, decideAfterAttempt, DeliveryDecision } from '../domain/retry-schedule';
import { secretsSigningAt } from '../domain/secrets';
import { webhookHeaders } from '../domain/signatures';
import { ClaimedDelivery, RecordedAttempt, WebhookDeliveries } from '../persistence/webhook-deliveries';
import { WebhookEndpoints } from '../persistence/webhook-endpoints';
import { toWebhookEndpointView, WebhookDisabledReason } from '../queries/webhook-endpoint.view';
import { WEBHOOK_URL_POLICY } from '../webhook-url-policy';
import { webhookDeliveriesTotal, webhookDeliveryDuration } from './webhook-metrics';

export interface DispatchOptions {
  /** Attempts running at once per endpoint, in this process: a slow receiver holds these and no more. */
  perEndpoint: number;
  /** Deliveries held (running or claimed ahead) in all, in this process. */
  maxInFlight: number;
  /** How often to look for due deliveries when nothing woke the loop (the test clock moves, retries fall due). */
  pollMs: number;
  /** Attempts recorded together: at most this many, or what finished within `flushMs`. */
  flushBatch: number;
  flushMs: number;
  /** How long a claim holds a delivery (wall time): a scheduler killed mid-attempt gives it up after this. */
  leaseMs: number;
  timeoutMs: number;
}

export const DEFAULT_DISPATCH_OPTIONS: DispatchOptions = {
  perEndpoint: 32,
  maxInFlight: 256,
  pollMs: 250,
  flushBatch: 500,
  flushMs: 20,
  // A delivery claimed ahead waits for at most one attempt (10 s) before its own (10 s): 30 s covers both.
  leaseMs: 30_000,
  timeoutMs: 10_000,
};

/**
 * The dispatcher's transactions do not wait for their WAL flush: if PostgreSQL crashes before the flush, a claim
 * or an outcome is lost, and the delivery is claimed and sent again, with the same `webhook-id`: what a crash
 * of the scheduler does anyway (at least once). Waiting for the disk at every claim and every batch of outcomes
 * was most of the time of a delivery to a quick receiver (bench/webhooks).
 */
const ASYNCHRONOUS_COMMIT = 'SET LOCAL synchronous_commit TO off';

interface Finished {
  recorded: RecordedAttempt;
  endpointId: string;
  decision: DeliveryDecision;
}

/**
 * Sends due deliveries. Why a loop that claims rows rather than a BullMQ job per delivery: the deliveries are
 * already durable rows (written with the inbox mark), their schedule is the BILLING clock (a delayed job waits
 * on the wall clock, which the test clock does not move), and a job per attempt would cost a queue round trip
 * each, where a claim takes dozens of due rows in one statement and their outcomes are recorded together.
 *
 * - Claim: due rows of enabled endpoints, FOR UPDATE SKIP LOCKED (schedulers share the work), per endpoint
 *   `perEndpoint` running and as many claimed ahead (so a finished attempt is followed by the next without a
 *   claim's round trip), leased for `leaseMs` of wall time. A scheduler that dies mid-attempt
 *   loses nothing: its rows are claimed again when their lease ends, and sent with the same `webhook-id`
 *   (at least once, as every webhook sender; receivers dedupe on it).
 * - Attempts run concurrently, each as soon as claimed: a receiver taking 10 s holds its endpoint's slots,
 *   never another endpoint's. A finished attempt frees its slot and wakes the loop to claim more.
 * - Outcomes are recorded in batches (one statement for attempts and deliveries, one for the endpoints' failing
 *   streaks), with `decideAfterAttempt` at billing time: retries per the schedule, Retry-After for 429/503,
 *   410 disables the endpoint at once, 5 days of failures disable it with a `webhook_endpoint.disabled` event.
 * - `webhook-timestamp` and the secrets' rotation window are wall time (what receivers check against).
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('WebhookDispatcher');
  private options: DispatchOptions = DEFAULT_DISPATCH_OPTIONS;
  private running = false;
  private loop: Promise<void> | undefined;
  /** Deliveries this process holds a lease on and has not finished (running or claimed ahead), per endpoint. */
  private readonly held = new Map<string, number>();
  private heldTotal = 0;
  private readonly runningPer = new Map<string, number>();
  private readonly ready = new Map<string, ClaimedDelivery[]>();
  private readonly attempts = new Set<Promise<void>>();
  private finished: Finished[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  /** An attempt finished since the loop last looked: claim again without sleeping. */
  private woken = false;
  private lastRefresh = 0;
  /** Kept-alive connections to the receivers, reused from one attempt to the next. */
  private connections = new ConnectionPool();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(WEBHOOK_URL_POLICY) private readonly policy: UrlPolicy,
  ) {}

  start(options: Partial<DispatchOptions> = {}): void {
    if (this.running) return;
    this.options = { ...DEFAULT_DISPATCH_OPTIONS, ...options };
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, lets the attempts in flight finish and records them. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal();
    await this.loop;
    await Promise.all([...this.attempts]);
    await this.flush();
    this.connections.close();
    this.connections = new ConnectionPool();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      try {
        full = await this.claimAndSend();
      } catch (error) {
        this.logger.error(`claiming due webhook deliveries failed, retrying: ${(error as Error).message}`);
      }
      if (full) continue;
      await this.sleep();
      // Woken by a finished attempt: let a few more finish, so that a claim takes several rows.
      if (this.running) await new Promise((resolve) => setTimeout(resolve, 3));
    }
  }

  /** Until an attempt finishes (or finished while the loop was claiming), or `pollMs` passes. */
  private async sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      this.wake = done;
    });
    this.woken = false;
  }

  private signal(): void {
    this.woken = true;
    this.wake?.();
  }

  /**
   * Claims what the free places allow (per endpoint: `perEndpoint` attempts running and as many claimed ahead,
   * so that a finished attempt is followed at once by the next, without waiting for a claim's round trip), and
   * starts what the running bound allows; answers whether the claim was full.
   */
  private async claimAndSend(): Promise<boolean> {
    const free = this.options.maxInFlight - this.heldTotal;
    if (free <= 0) return false;
    if (Date.now() - this.lastRefresh >= 100) {
      await this.clock.refresh();
      this.lastRefresh = Date.now();
    }
    const claimed = await this.dataSource.transaction(async (manager) => {
      await manager.query(ASYNCHRONOUS_COMMIT);
      return WebhookDeliveries.claimDue(manager, {
        now: this.clock.now(),
        lease: randomUUID(),
        leaseMs: this.options.leaseMs,
        perEndpoint: this.options.perEndpoint * 2,
        inFlight: this.held,
        limit: free,
      });
    });
    for (const delivery of claimed) {
      this.held.set(delivery.endpointId, (this.held.get(delivery.endpointId) ?? 0) + 1);
      this.heldTotal += 1;
      const queue = this.ready.get(delivery.endpointId) ?? [];
      queue.push(delivery);
      this.ready.set(delivery.endpointId, queue);
    }
    for (const endpointId of new Set(claimed.map((delivery) => delivery.endpointId))) this.startReady(endpointId);
    return claimed.length > 0 && claimed.length === free;
  }

  /** Starts the endpoint's claimed deliveries while fewer than `perEndpoint` of its attempts run. */
  private startReady(endpointId: string): void {
    const queue = this.ready.get(endpointId);
    while (queue && queue.length > 0 && (this.runningPer.get(endpointId) ?? 0) < this.options.perEndpoint) {
      const delivery = queue.shift() as ClaimedDelivery;
      this.runningPer.set(endpointId, (this.runningPer.get(endpointId) ?? 0) + 1);
      const attempt = this.attempt(delivery).finally(() => {
        this.attempts.delete(attempt);
        this.runningPer.set(endpointId, (this.runningPer.get(endpointId) ?? 1) - 1);
        const held = (this.held.get(endpointId) ?? 1) - 1;
        if (held > 0) this.held.set(endpointId, held);
        else {
          this.held.delete(endpointId);
          this.runningPer.delete(endpointId);
          this.ready.delete(endpointId);
        }
        this.heldTotal -= 1;
        this.startReady(endpointId);
        this.signal();
      });
      this.attempts.add(attempt);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let result: DeliveryResult;
    try {
      const sentAt = new Date();
      const headers = webhookHeaders(delivery.eventId, sentAt, delivery.body, secretsSigningAt(delivery.secrets, sentAt));
      // In the trace of the change that raised the event (its request, or the bill run), however late the attempt.
      result = await continueTraces(
        'webhook delivery',
        delivery.traceparent ? [delivery.traceparent] : [],
        () =>
          deliver({ url: delivery.url, headers, body: delivery.body, timeoutMs: this.options.timeoutMs }, this.policy, this.connections),
        {
          'billing.webhook_delivery.id': delivery.id,
          'billing.event.id': delivery.eventId,
          'billing.webhook_delivery.attempt': delivery.attempt,
        },
      );
    } catch (error) {
      // deliver() answers every receiver failure; a throw is ours (a malformed secret): fail the attempt loudly.
      this.logger.error(`webhook delivery ${delivery.id} could not be attempted: ${(error as Error).message}`);
      result = { kind: 'network_error', code: 'internal_error', message: (error as Error).message, latencyMs: 0 };
    }
    const at = this.clock.now();
    const outcome: AttemptOutcome =
      result.kind === 'response' ? { kind: 'response', status: result.status, retryAfter: result.retryAfter } : { kind: result.kind };
    const decision = decideAfterAttempt(outcome, { attempt: delivery.attempt, at, failingSince: delivery.failingSince });
    const succeeded = decision.action === 'delivered';
    webhookDeliveriesTotal().inc({ status: succeeded ? 'succeeded' : 'failed' });
    webhookDeliveryDuration().observe({ status: succeeded ? 'succeeded' : 'failed' }, result.latencyMs / 1000);
    if (!succeeded) this.logFailure(delivery, result, decision);
    this.finished.push({
      endpointId: delivery.endpointId,
      decision,
      recorded: {
        deliveryId: delivery.id,
        lease: delivery.lease,
        attempt: delivery.attempt,
        at,
        responseStatus: result.kind === 'response' ? result.status : null,
        latencyMs: result.latencyMs,
        responseBody: result.kind === 'response' ? result.body : null,
        error: result.kind === 'response' ? null : result.kind === 'refused' ? result.refusal.message : `${result.code}: ${result.message}`,
        status: succeeded ? 'succeeded' : decision.action === 'retry' ? 'pending' : 'failed',
        nextAttemptAt: decision.action === 'retry' ? decision.at : null,
      },
    });
    if (this.finished.length >= this.options.flushBatch) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Records the attempts finished so far; on failure they wait for the next flush (their leases hold them meanwhile). */
  private flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushing = this.flushing.then(async () => {
      const batch = this.finished;
      this.finished = [];
      if (batch.length === 0) return;
      try {
        await this.record(batch);
      } catch (error) {
        this.logger.error(`recording ${batch.length} webhook attempts failed, retrying: ${(error as Error).message}`);
        this.finished.unshift(...batch);
        // Once stopped, no retry: the leases lapse and the deliveries are claimed and sent again (at least once).
        if (this.running) this.flushTimer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.flushing;
  }

  private async record(batch: readonly Finished[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(ASYNCHRONOUS_COMMIT);
      const recorded = new Set(
        await WebhookDeliveries.recordAttempts(
          manager,
          batch.map((item) => item.recorded),
        ),
      );
      const mine = batch.filter((item) => recorded.has(item.recorded.deliveryId));
      // Per endpoint: a success in the batch ends its streak (null); failures only start one (or keep its start).
      const streaks = new Map<string, Date | null>();
      for (const { endpointId, decision, recorded: attempt } of mine) {
        if (decision.action === 'delivered') streaks.set(endpointId, null);
        else if (!streaks.has(endpointId)) streaks.set(endpointId, attempt.at);
      }
      await WebhookEndpoints.updateStreaks(
        manager,
        [...streaks].map(([endpointId, failingSince]) => ({ endpointId, failingSince })),
      );
      const disables = mine.flatMap(({ endpointId, decision }) =>
        decision.action === 'disable_endpoint' ? [{ endpointId, reason: decision.reason as WebhookDisabledReason }] : [],
      );
      const now = this.clock.now();
      const disabled = await WebhookEndpoints.disable(manager, disables, now);
      await WebhookDeliveries.failPendingOf(
        manager,
        disabled.map((endpoint) => endpoint.id),
        now,
      );
      await appendToOutbox(
        manager,
        disabled.map((endpoint) =>
          domainEvent('webhook_endpoint.disabled', 'webhook_endpoint', endpoint.id, toWebhookEndpointView(endpoint), now),
        ),
      );
      for (const endpoint of disabled) {
        this.logger.error(
          `webhook endpoint ${endpoint.id} (${endpoint.url}) disabled: ${endpoint.disabledReason === 'gone' ? 'it answered 410 Gone' : 'every attempt failed for 5 days'}`,
        );
      }
    });
  }

  private logFailure(delivery: ClaimedDelivery, result: DeliveryResult, decision: DeliveryDecision) {
    const what =
      result.kind === 'response'
        ? `answered ${result.status}`
        : result.kind === 'refused'
          ? `refused: ${result.refusal.message}`
          : `${result.code}: ${result.message}`;
    const next =
      decision.action === 'retry'
        ? `retry at ${decision.at.toISOString()}`
        : decision.action === 'give_up'
          ? 'no retry left'
          : 'endpoint disabled';
    const message = `webhook delivery ${delivery.id} (event ${delivery.eventId}, attempt ${delivery.attempt}) to ${delivery.url} failed: ${what}; ${next}`;
    // A receiver's failure that a retry may mend is a warning; one that ends the delivery is an error.
    if (decision.action === 'retry') this.logger.warn(message);
    else this.logger.error(message);
  }
}
