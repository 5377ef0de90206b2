import 'reflect-metadata';
import { EventSubscriber, loadConfig } from '@billing/core';
import { EVENT_TYPES, EventType } from '@billing/kernel';
import { createSchedulerApp } from '../../apps/scheduler/src/bootstrap';

/**
 * The real scheduler as its own process, plus a probe subscriber whose effect is a plain insert (no
 * idempotency of its own): a second delivery of an event would show as a second row.
 */
const probe: EventSubscriber = {
  name: 'probe',
  // 'probe.happened' is this test's own type, inserted straight into the outbox.
  types: [...EVENT_TYPES, 'probe.happened' as EventType],
  handle: async (event, manager) => {
    await manager.query('INSERT INTO probe_effects (event_id) VALUES ($1)', [event.id]);
  },
};

createSchedulerApp(loadConfig(), { extraSubscribers: [probe] }).catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
