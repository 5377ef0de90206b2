import { handleOnce, Outbox } from '@billing/core';
import { InvoiceOnSubscriptionChangeSaga } from '@billing/invoicing';
import { CommandBus } from '@nestjs/cqrs';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';

// As the relay and the consumer do: 500 events a batch, four batches at a time.
const BATCH = 500;
const CONSUMERS = 4;

export interface EventFlood {
  events: number;
  /** Outbox → relay → queue → consumer → the saga's effect, in the scheduler process. */
  throughQueue: number;
  /** The same saga fed straight from the outbox in this process, batch after batch: no relay, no queue. */
  direct: number;
}

/**
 * The event pipeline alone, at a bill run's scale: `count` `subscription.updated` events for existing
 * subscriptions (with nothing due, so the invoicing saga claims and finds nothing: the inbox insert and the
 * saga's queries are the subscriber's work) are committed at once, and the figure is the time until every
 * one is delivered. The ceiling runs the same subscriber on the same number of events read straight from the
 * outbox (Kill Bill's bus style) by as many consumers, with no claim at all: what consuming without a queue
 * would at best achieve.
 */
export async function eventFlood(api: NestFastifyApplication, subscriptionIds: readonly string[], count: number): Promise<EventFlood> {
  const dataSource = api.get(DataSource);

  await insertEvents(dataSource, 'flood_queue', subscriptionIds, count, false);
  const started = performance.now();
  while ((await undelivered(dataSource, 'flood_queue')) > 0) await new Promise((done) => setTimeout(done, 10));
  const throughQueue = (performance.now() - started) / 1000;

  // Marked relayed, so that the scheduler's relay leaves them to this loop.
  await insertEvents(dataSource, 'flood_direct', subscriptionIds, count, true);
  const saga = new InvoiceOnSubscriptionChangeSaga(api.get(CommandBus));
  const ids: { id: string }[] = await dataSource.query(`SELECT id FROM events WHERE id LIKE 'evt_flood_direct_%' ORDER BY seq`);
  const batches = Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, n) =>
    ids.slice(n * BATCH, (n + 1) * BATCH).map((row) => row.id),
  );
  const startedDirect = performance.now();
  const consume = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const events = await Outbox.findMany(dataSource.manager, batch);
      // The saga's own event types: these are all subscription.updated.
      await handleOnce(dataSource, 'flood-direct', events, (fresh, manager) =>
        saga.handle(fresh as Parameters<typeof saga.handle>[0], manager),
      );
      await Outbox.markDelivered(dataSource.manager, batch);
    }
  };
  await Promise.all(Array.from({ length: CONSUMERS }, consume));
  return { events: count, throughQueue, direct: (performance.now() - startedDirect) / 1000 };
}

async function insertEvents(dataSource: DataSource, prefix: string, subscriptionIds: readonly string[], count: number, relayed: boolean) {
  // One subscription per event, cycling: an array of `count` rows unnested once (subscripting a large array
  // parameter row by row would detoast it for every row).
  const targets = Array.from({ length: count }, (_, n) => subscriptionIds[n % subscriptionIds.length]);
  await dataSource.query(
    `INSERT INTO events (id, type, resource_type, resource_id, data, created_at, relayed_at)
     SELECT 'evt_${prefix}_' || n, 'subscription.updated', 'subscription', target, jsonb_build_object('id', target), now(),
            CASE WHEN $2 THEN now() END
       FROM unnest($1::text[]) WITH ORDINALITY AS event (target, n)`,
    [targets, relayed],
  );
}

async function undelivered(dataSource: DataSource, prefix: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS count FROM events WHERE delivered_at IS NULL AND id LIKE $1`, [
    `evt_${prefix}_%`,
  ]);
  return row.count;
}
