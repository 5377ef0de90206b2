import { TestPlatform } from '@billing/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * The real scheduler as a process of its own on a test platform's database and queues, so that a test
 * can kill it with SIGKILL. Its probe subscriber writes to `probe_effects` and reads `probe_cures`, which this
 * creates.
 */
export class SchedulerProcesses {
  private readonly children: ChildProcess[] = [];

  constructor(private readonly platform: TestPlatform) {}

  static async prepare(platform: TestPlatform): Promise<SchedulerProcesses> {
    await platform.api
      .get(DataSource)
      .query('CREATE TABLE probe_effects (event_id text NOT NULL); CREATE TABLE probe_cures (event_id text NOT NULL)');
    return new SchedulerProcesses(platform);
  }

  start(): ChildProcess {
    const { config } = this.platform;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, 'probed-scheduler.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl ?? '',
        QUEUE_PREFIX: config.queuePrefix,
        SCHEDULER_PORT: '0', // several schedulers run at once
        BILLING_CLOCK: 'test',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.children.push(child);
    return child;
  }

  async kill(child: ChildProcess): Promise<void> {
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once('exit', done));
  }

  stopAll(): void {
    for (const child of this.children) child.kill('SIGKILL');
  }
}

export async function countRows(db: DataSource, sql: string): Promise<number> {
  return Number((await db.query(sql))[0].count);
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 5));
  }
}
