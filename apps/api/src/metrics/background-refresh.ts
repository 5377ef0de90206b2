import { Logger } from '@nestjs/common';
import { Gauge, register } from 'prom-client';

/** How often the gauges read from the database and the queue are refreshed. */
export const REFRESH_INTERVAL_MS = 10_000;

function refreshedAt(): Gauge<'source'> {
  const name = 'metrics_refreshed_timestamp_seconds';
  return (
    (register.getSingleMetric(name) as Gauge<'source'> | undefined) ??
    new Gauge({
      name,
      help: 'Unix time of the last successful refresh of the gauges read from the database or the queue, by source.',
      labelNames: ['source'],
      registers: [register],
    })
  );
}

/**
 * Runs `refresh` at start and every REFRESH_INTERVAL_MS in the background, one at a time. A scrape only reads
 * the values the last refresh left, so /metrics never waits for the database: reading it at scrape time made
 * /metrics hang for as long as PostgreSQL did not answer. A refresh still running when the next is due is not
 * doubled (a stalled database holds one connection, not one per tick); a failed one keeps the last values,
 * is logged once per outage, and `metrics_refreshed_timestamp_seconds{source}` shows how old they are.
 */
export class BackgroundRefresh {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  constructor(
    private readonly source: string,
    private readonly refresh: () => Promise<void>,
  ) {
    this.logger = new Logger(`Metrics:${source}`);
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), REFRESH_INTERVAL_MS);
    this.timer.unref(); // never what keeps a process alive
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.refresh();
      refreshedAt().set({ source: this.source }, Date.now() / 1000);
      if (this.failing) this.logger.log('refreshing again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`refresh failed, keeping the last values: ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }
}
