import { DunningRun } from '@billing/dunning';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduledTask } from './scheduled-task';

/** Every minute of billing time: invoices found overdue, payment retries due, accounts' dunning steps. */
@Injectable()
export class DunningTask implements ScheduledTask {
  readonly name = 'dunning';
  readonly everyMs = 60_000;
  private readonly logger = new Logger('Dunning');

  constructor(private readonly dunning: DunningRun) {}

  async run(now: Date): Promise<void> {
    const { overdue, retried, escalated } = await this.dunning.run(now);
    if (overdue + retried + escalated > 0) {
      this.logger.log(`to ${now.toISOString()}: ${overdue} invoices overdue, ${retried} payments retried, ${escalated} accounts escalated`);
    }
  }
}
