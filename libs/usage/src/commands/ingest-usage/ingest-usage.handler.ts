import { Clock, FieldError, ValidationFailed } from '@billing/kernel';
import { Plans } from '@billing/catalog';
import { UsageTargets } from '@billing/subscriptions';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { resolveTarget, timestampProblem, UsageTarget } from '../../domain/acceptance';
import { extractMetricValue } from '../../domain/aggregation';
import { MetricCache } from '../../persistence/metric-cache';
import { StoredUsageEvent, UsageEventStore } from '../../persistence/usage-event.store';
import { UsagePartitions } from '../../persistence/usage-partitions';
import { checkBatchShape, MAX_REPORTED_ERRORS, UsageEventInput } from '../../ingestion/usage-batch.schema';
import { IngestResult, IngestUsageCommand } from './ingest-usage.command';

/**
 * `POST /v1/usage`: the whole batch is checked before anything is stored, and stored in one statement or not
 * at all.
 * 1. Shape: the compiled JSON schema, every event at once (422 naming `events[i].field`).
 * 2. Meaning, with three queries for the whole batch (metrics, cached; the subscriptions of the batch's ids
 *    and accounts, from the subscriptions lib; which of the batch's metrics their plans charge, from the
 *    catalog): the metric exists, the subscription resolves and charges
 *    it, the timestamp is inside the acceptance window and the subscription's life, the metric's value is
 *    there (see `extractMetricValue`).
 * 3. Store: repeated ids within the batch keep their first event; one statement inserts the rest, skipping
 *    ids already known.
 * Usage events are not written to the audit log or the outbox one by one: the events table is their record.
 */
@CommandHandler(IngestUsageCommand)
export class IngestUsageHandler implements ICommandHandler<IngestUsageCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: MetricCache,
    private readonly store: UsageEventStore,
    private readonly partitions: UsagePartitions,
  ) {}

  async execute({ body }: IngestUsageCommand): Promise<IngestResult> {
    const shape = checkBatchShape(body);
    if (!shape.ok) throw refused(shape.errors);
    const events = shape.batch.events;
    const now = this.clock.now();

    const metrics = await this.metrics.byCodes(events.map((event) => event.metric_code));
    const { byId, byAccount } = await this.targets(events);
    const errors: FieldError[] = [];
    const stored: StoredUsageEvent[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < events.length && errors.length < MAX_REPORTED_ERRORS; index += 1) {
      const event = events[index];
      const named = new Set<string>();
      // One error per field: the first reason is enough to fix it.
      const at = (field: string, message: string) => {
        if (!named.has(field)) errors.push({ field: `events[${index}].${field}`, message });
        named.add(field);
      };
      const timestamp = new Date(event.timestamp);
      const metric = metrics.get(event.metric_code);
      if (Number.isNaN(timestamp.getTime())) {
        at('timestamp', 'must be an RFC 3339 timestamp with a time zone, e.g. 2027-03-01T12:00:00Z');
        continue;
      }
      const late = timestampProblem(timestamp, now);
      if (late) at('timestamp', late);
      if (!metric) {
        at('metric_code', `no metric with code "${event.metric_code}"`);
        continue;
      }
      const target = resolveTarget(
        { subscriptionId: event.subscription_id, accountId: event.account_id, metricCode: event.metric_code, timestamp },
        byId,
        byAccount,
      );
      if (!target.ok) at(target.field, target.message);
      const extracted = extractMetricValue(metric, event);
      if (!extracted.ok) at(extracted.field, extracted.message);
      if (late || !target.ok || !extracted.ok || seen.has(event.id)) continue;
      seen.add(event.id);
      stored.push({
        id: event.id,
        subscriptionId: target.subscriptionId,
        metricCode: metric.code,
        occurredAt: timestamp,
        value: extracted.value,
        distinctValue: extracted.distinctValue,
        properties: event.properties ?? null,
      });
    }
    if (errors.length > 0) throw refused(errors);

    await this.partitions.ensureFor(stored.map((event) => event.occurredAt));
    const accepted = await this.store.insert(stored, now);
    return { accepted, duplicates: events.length - accepted };
  }

  /** The subscriptions the batch names, and those of the accounts it names, with the batch's metrics they charge. */
  private async targets(events: readonly UsageEventInput[]) {
    const subscriptionIds = new Set<string>();
    const accountIds = new Set<string>();
    const codes = new Set<string>();
    for (const event of events) {
      if (event.subscription_id !== undefined) subscriptionIds.add(event.subscription_id);
      if (event.account_id !== undefined) accountIds.add(event.account_id);
      codes.add(event.metric_code);
    }
    const manager = this.dataSource.manager;
    const subscriptions = await UsageTargets.find(manager, [...subscriptionIds], [...accountIds]);
    const charged = await Plans.chargedMetrics(
      manager,
      subscriptions.map((subscription) => subscription.planId),
      [...codes],
    );
    const byId = new Map<string, UsageTarget>();
    const byAccount = new Map<string, UsageTarget[]>();
    for (const subscription of subscriptions) {
      const target: UsageTarget = {
        id: subscription.id,
        accountId: subscription.accountId,
        createdAt: subscription.createdAt,
        endedAt: subscription.endedAt,
        chargedMetrics: charged.get(subscription.planId) ?? new Set(),
      };
      byId.set(target.id, target);
      byAccount.set(target.accountId, [...(byAccount.get(target.accountId) ?? []), target]);
    }
    return { byId, byAccount };
  }
}

function refused(errors: FieldError[]): ValidationFailed {
  return new ValidationFailed(errors, 'The batch has invalid events; nothing was stored.');
}
