import { Injectable, Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { EntityManager } from 'typeorm';

/** What failed: a subscription's renewal, its bill run, or a job of a queue (`job:<queue>`). */
export type FailingTask = 'renewal' | 'bill-run' | `job:${string}`;

export interface FailedWork {
  task: string;
  subjectId: string;
  error: string;
  attempts: number;
}

/** One counter per kind of work, in the process's registry (get-or-create: a test process starts several apps). */
function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames, registers: [register] });
}

const failuresCounted = {
  renewal: () => counter('renewal_failures_total', 'Subscriptions whose renewal failed (the rest of their chunk renewed).'),
  'bill-run': () =>
    counter('bill_run_failures_total', 'Subscriptions the bill run could not invoice (the rest of their chunk was invoiced).'),
  job: () => counter('job_failures_total', 'Queued jobs that threw, by queue.', ['queue']),
};

/**
 * Failures are loud and contained: each is logged at `error` with its cause, counted in a metric, and kept in
 * `work_failures` (task, subject) until the same work succeeds, so that the rest of a chunk or a queue goes
 * on, the failing work is retried on its own, and the test clock can name what failed.
 */
@Injectable()
export class WorkFailures {
  private readonly logger = new Logger('WorkFailures');

  /** Records a failure, in the caller's transaction. */
  async record(manager: EntityManager, task: FailingTask, subjectId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.logger.error({ msg: `${task} failed for ${subjectId}: ${message}`, task, subject_id: subjectId, err: error });
    if (task.startsWith('job:')) failuresCounted.job().inc({ queue: task.slice('job:'.length) });
    else failuresCounted[task as 'renewal' | 'bill-run']().inc();
    await manager.query(
      `INSERT INTO work_failures (task, subject_id, error) VALUES ($1, $2, $3)
       ON CONFLICT (task, subject_id) DO UPDATE SET error = excluded.error, attempts = work_failures.attempts + 1,
         last_failed_at = clock_timestamp()`,
      [task, subjectId, message.slice(0, 2000)],
    );
  }

  /** The work succeeded: it is no longer failing. */
  async resolve(manager: EntityManager, task: FailingTask, subjectIds: readonly string[]): Promise<void> {
    if (subjectIds.length === 0) return;
    await manager.query(`DELETE FROM work_failures WHERE task = $1 AND subject_id = ANY($2)`, [task, subjectIds]);
  }

  /** Subjects of `task` still failing: bulk runs leave them out and retry them one by one. */
  async failingSubjects(manager: EntityManager, task: FailingTask): Promise<string[]> {
    const rows: { subject_id: string }[] = await manager.query(`SELECT subject_id FROM work_failures WHERE task = $1 ORDER BY 1`, [task]);
    return rows.map((row) => row.subject_id);
  }

  /** Failures (new or repeated) since `instant`, a database time. */
  async since(manager: EntityManager, instant: Date): Promise<FailedWork[]> {
    const rows: { task: string; subject_id: string; error: string; attempts: number }[] = await manager.query(
      `SELECT task, subject_id, error, attempts FROM work_failures WHERE last_failed_at >= $1 ORDER BY last_failed_at LIMIT 20`,
      [instant],
    );
    return rows.map((row) => ({ task: row.task, subjectId: row.subject_id, error: row.error, attempts: row.attempts }));
  }
}
