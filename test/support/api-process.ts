import { TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The real api as a process of its own on a test platform's database, so that a test can kill it with SIGKILL. */
export class ApiProcess {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly platform: TestPlatform,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async prepare(platform: TestPlatform, env: Record<string, string> = {}): Promise<ApiProcess> {
    return new ApiProcess(platform, await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the api and answers once it serves /health. */
  async start(): Promise<void> {
    const { config } = this.platform;
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '../../apps/api/src/main.ts')], {
      env: {
        ...process.env,
        PORT: String(this.port),
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl ?? '',
        QUEUE_PREFIX: config.queuePrefix,
        BILLING_CLOCK: 'test',
        BILLING_BOOTSTRAP_API_KEY: TEST_BOOTSTRAP_KEY,
        LOG_LEVEL: 'silent',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (
        await fetch(`${this.url}/health`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return;
      if (Date.now() > deadline) throw new Error('the api did not start within 60 s');
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}
