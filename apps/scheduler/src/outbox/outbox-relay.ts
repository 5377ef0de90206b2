import { batchJobId, continueTraces, EventBatch, Outbox, QUEUES } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

const BATCH = 500;
/** How often the first loop looks for new events; the others wait for it to find a full batch (or a second). */
const POLL_MS = 50;
const IDLE_POLL_MS = 1000;
/** Relay loops: a batch's round trips (claim, enqueue, mark, commit) overlap with the next one's. */
const RELAYS = 4;

/**
 * Moves committed events from the outbox to the domain-events queue, a batch of up to {@link BATCH} events
 * per job: one queue round trip and one job per batch rather than per event, so that a bill run's tens of
 * thousands of events cost a few dozen jobs. Rows are claimed with FOR UPDATE SKIP LOCKED (several
 * schedulers share the work) and marked relayed in the same transaction that enqueued them. A crash in
 * between re-enqueues them: the same batch has the same jobId, which BullMQ ignores, and a batch composed
 * differently is harmless, since the consumers' inbox makes any second delivery of an event a no-op.
 *
 * It polls (a probe of the partial index of unrelayed events every 50 ms) rather than being woken by a
 * `NOTIFY` from every writing transaction: PostgreSQL serialises the commits of notifying transactions
 * behind one lock held through their WAL flush, which made every API write wait for the others (measured
 * with bench/api). A batch found full wakes the other loops.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap() {
    this.running = true;
    this.loops = Array.from({ length: RELAYS }, (_, index) => this.run(index === 0 ? POLL_MS : IDLE_POLL_MS));
  }

  async onApplicationShutdown() {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
  }

  /** Relays one batch; answers how many events it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await Outbox.claimUnrelayed(manager, BATCH);
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      // The job (and so its subscribers) continues the trace of the batch's first traced event, linking the others.
      const traces = rows.flatMap((row) => (row.traceparent ? [row.traceparent] : []));
      await continueTraces('outbox relay', traces, () =>
        this.queue.add('events', { eventIds: ids } satisfies EventBatch, { jobId: batchJobId(ids) }),
      );
      await Outbox.markRelayed(manager, ids);
      return rows.length;
    });
  }

  private async run(pollMs: number) {
    while (this.running) {
      try {
        const relayed = await this.relayBatch();
        if (relayed === BATCH) this.wakeAll();
        if (relayed > 0) continue;
      } catch (error) {
        this.logger.error(`relay failed, retrying: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, pollMs);
        this.sleepers.add(wake);
      });
    }
  }

  private wakeAll() {
    for (const wake of [...this.sleepers]) wake();
  }
}
