import 'reflect-metadata';
import { loadConfig } from '@billing/core';
import { createSchedulerApp } from '../../apps/scheduler/src/bootstrap';
import { EventSubscriber } from '../../apps/scheduler/src/outbox/event-subscriber';

/**
 * The real scheduler as its own process, plus a probe subscriber whose effect is a plain insert (no
 * idempotency of its own): a second delivery of an event would show as a second row.
 */
const probe: EventSubscriber = {
  name: 'probe',
  handles: () => true,
  handle: async (event, manager) => {
    await manager.query('INSERT INTO probe_effects (event_id) VALUES ($1)', [event.id]);
  },
};

createSchedulerApp(loadConfig(), { extraSubscribers: [probe] }).catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
