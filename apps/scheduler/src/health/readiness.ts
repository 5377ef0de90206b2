import { QUEUES } from '@billing/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** Each check's answer, as terminus gives it on the api's /health/ready. */
export interface CheckState {
  status: 'up' | 'down';
  message?: string;
}

export interface Readiness {
  status: 'ok' | 'error';
  info: Record<string, CheckState>;
  error: Record<string, CheckState>;
  details: Record<string, CheckState>;
}

/** A check that has not answered within this is down (the api's readiness waits as long). */
const CHECK_TIMEOUT_MS = 2000;

/**
 * The scheduler is ready when the database and the queue backend answer within two seconds. Its database pool
 * has no connect or statement limit (it waits out a stall), so a probe that does not answer is not asked again
 * while it is pending: the next probe waits on the same one, and a stall holds one connection, not one per probe.
 */
@Injectable()
export class SchedulerReadiness {
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly checks: Record<string, () => Promise<unknown>>;

  constructor(dataSource: DataSource, @InjectQueue(QUEUES.domainEvents) queue: Queue) {
    this.checks = {
      database: () => dataSource.query('SELECT 1'),
      queue: () => queue.getJobCounts('waiting'),
    };
  }

  async check(): Promise<Readiness> {
    const states = await Promise.all(
      Object.entries(this.checks).map(async ([name, probe]) => [name, await this.run(name, probe)] as const),
    );
    const details = Object.fromEntries(states);
    const down = states.filter(([, state]) => state.status === 'down');
    return {
      status: down.length === 0 ? 'ok' : 'error',
      info: Object.fromEntries(states.filter(([, state]) => state.status === 'up')),
      error: Object.fromEntries(down),
      details,
    };
  }

  private async run(name: string, probe: () => Promise<unknown>): Promise<CheckState> {
    let answer = this.pending.get(name);
    if (!answer) {
      answer = probe().finally(() => this.pending.delete(name));
      this.pending.set(name, answer);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([answer, timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
