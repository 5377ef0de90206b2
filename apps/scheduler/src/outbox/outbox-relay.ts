import { AppConfig, APP_CONFIG, Outbox, QUEUES } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const BATCH = 500;
const IDLE_POLL_MS = 1000;

/**
 * Moves committed events from the outbox to the domain-events queue, jobId = event id. Rows are claimed
 * with FOR UPDATE SKIP LOCKED (several schedulers share the work) and marked relayed in the same
 * transaction that enqueued them: a crash in between re-enqueues the same jobIds, which BullMQ ignores,
 * and the consumers' inbox makes any second delivery a no-op. Woken by NOTIFY, polling as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loop: Promise<void> | undefined;
  private listener: Client | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    this.listener = new Client({ connectionString: this.config.databaseUrl });
    await this.listener.connect();
    this.listener.on('notification', () => this.wake?.());
    this.listener.on('error', (error) => this.logger.warn(`outbox listener: ${error.message}`));
    await this.listener.query('LISTEN outbox');
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays one batch; answers how many events it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await Outbox.claimUnrelayed(manager, BATCH);
      if (rows.length === 0) return 0;
      await this.queue.addBulk(rows.map((row) => ({ name: row.type, data: { eventId: row.id }, opts: { jobId: row.id } })));
      await Outbox.markRelayed(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }

  private async run() {
    while (this.running) {
      try {
        if ((await this.relayBatch()) > 0) continue;
      } catch (error) {
        this.logger.error(`relay failed, retrying: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, IDLE_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
