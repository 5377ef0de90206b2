import 'reflect-metadata';
import { EventSubscriber, loadConfig } from '@billing/core';
import { EVENT_TYPES, EventType } from '@billing/kernel';
import { createSchedulerApp } from '../../apps/scheduler/src/bootstrap';

/**
 * The real scheduler as its own process, plus a probe subscriber whose effect is a plain insert (no
 * idempotency of its own): a second delivery of an event would show as a second row. Each batch takes a
 * little while (so that a test can kill the process mid-way), and an event whose data says `poison` fails
 * until the test inserts its id into `probe_cures`.
 */
const probe: EventSubscriber = {
  name: 'probe',
  // 'probe.happened' is this test's own type, inserted straight into the outbox.
  types: [...EVENT_TYPES, 'probe.happened' as EventType],
  handle: async (events, manager) => {
    await manager.query('SELECT pg_sleep(0.05)');
    const ids = events.map((event) => event.id);
    const poisoned = events.filter((event) => (event.data as { poison?: boolean }).poison === true).map((event) => event.id);
    const cured: unknown[] = await manager.query('SELECT 1 FROM probe_cures WHERE event_id = ANY($1)', [poisoned]);
    if (cured.length < poisoned.length) throw new Error(`probe: poisoned event among ${ids.length}`);
    await manager.query('INSERT INTO probe_effects (event_id) SELECT unnest($1::text[])', [ids]);
  },
};

createSchedulerApp(loadConfig(), { extraSubscribers: [probe] }).catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
