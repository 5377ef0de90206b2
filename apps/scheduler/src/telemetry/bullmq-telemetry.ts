import { QUEUES } from '@billing/core';
import { getSharedConfigToken, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Queue, QueueOptions, Telemetry } from 'bullmq';
import { stopTracing, tracingEnabled } from './tracing';

/**
 * BullMQ's spans (bullmq-otel) while tracing is on: a job's enqueue (by the outbox relay or the ticker) and
 * its processing, in the trace of whatever added it. BullMQ takes its `telemetry` from the options each queue
 * and worker was built with; the shared options live in libs/core's QueueModule, so this sets it from here:
 * on the shared options object, which the workers are built from once every provider exists, and on the
 * queues already built, which read `opts.telemetry` at each call.
 *
 * Also ends tracing when the scheduler shuts down, so that the spans still buffered go out.
 */
@Injectable()
export class BullMqTelemetry implements OnApplicationShutdown {
  constructor(
    @Inject(getSharedConfigToken()) shared: QueueOptions,
    @InjectQueue(QUEUES.domainEvents) domainEvents: Queue,
    @InjectQueue(QUEUES.scheduledTasks) scheduledTasks: Queue,
  ) {
    if (!tracingEnabled()) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
    const { BullMQOtel } = require('bullmq-otel') as typeof import('bullmq-otel');
    const telemetry: Telemetry = new BullMQOtel({ tracerName: 'billing-scheduler' });
    shared.telemetry = telemetry;
    for (const queue of [domainEvents, scheduledTasks]) (queue.opts as QueueOptions).telemetry = telemetry;
  }

  async onApplicationShutdown() {
    await stopTracing();
  }
}
