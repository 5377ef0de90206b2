import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const launcher = resolve(__dirname, '..', 'scripts/start.ts');

/** The environment of `npm start` on the embedded defaults: no database, no bootstrap key, no Redis. */
function embeddedEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of ['DATABASE_URL', 'BILLING_BOOTSTRAP_API_KEY', 'REDIS_URL', 'TEST_DATABASE_URL']) delete env[name];
  return env;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function occupy(port: number, host: string): Promise<Server> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(port, host, () => done(server));
  });
}

describe('Process start', () => {
  it.each([
    ['the api', 'apps/api/src/main.ts'],
    ['the scheduler', 'apps/scheduler/src/main.ts'],
    ['npm start', 'scripts/start.ts'],
  ])('%s exits with a message naming a bad variable, before touching anything', (_name, entry) => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '..', entry)], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration: PORT must be a whole number');
  });

  it.each([
    ['the api', 'PORT', '0.0.0.0'],
    ['the embedded PostgreSQL', 'EMBEDDED_PG_PORT', '127.0.0.1'],
  ])('npm start names the busy port of %s and the variable that moves it', async (what, variable, host) => {
    const busy = await freePort();
    const blocker = await occupy(busy, host);
    const dataDir = mkdtempSync(join(tmpdir(), 'billing-start-'));
    try {
      const ports = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), [variable]: String(busy) };
      const run = spawnSync(process.execPath, ['-r', '@swc-node/register', launcher], {
        env: embeddedEnv({ ...ports, DATA_DIR: dataDir }),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `npm start failed: port ${busy}, where ${what} listens, is already in use by another program. ` +
          `Stop that program, or choose another port: ${variable}=${busy + 1} npm start\n`,
      );
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('npm start on the embedded defaults', () => {
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    let port: number;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'billing-start-'));
      chmodSync(dataDir, 0o755); // as root, PostgreSQL (the postgres user) keeps its cluster in it
      port = await freePort();
      env = embeddedEnv({ PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: dataDir });
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    /** Starts the launcher in a process group of its own, as a terminal runs it, until its banner. */
    async function launch(): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> }> {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', launcher], {
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      const deadline = Date.now() + 150_000;
      while (!/Ctrl-C stops it\.[\s\S]*\n=+\n/.test(stdout)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${stdout}\n${stderr}`);
        await new Promise((wait) => setTimeout(wait, 200));
      }
      return { child, stdout: () => stdout, stderr: () => stderr, exited };
    }

    /** Ctrl-C in a terminal: SIGINT to the whole foreground process group. */
    async function interrupt(run: Awaited<ReturnType<typeof launch>>): Promise<number | null> {
      process.kill(-(run.child.pid as number), 'SIGINT');
      return run.exited;
    }

    it('shows the first key once, after the api listens, in a framed block; Ctrl-C stops everything quietly with 0', async () => {
      const run = await launch();
      try {
        const output = run.stdout();
        const block = output.slice(output.lastIndexOf('\n=', output.indexOf('Ctrl-C stops it')));
        const key = /^ +(bk_[A-Za-z0-9_-]{40})$/m.exec(block)?.[1] as string;
        expect(key).toBeDefined();
        expect(block).toContain(`Billing platform API on http://localhost:${port}`);
        expect(block).toContain(`curl http://localhost:${port}/v1/accounts -H "Authorization: Bearer ${key}"`);
        // Only in the block: the key line and the curl example.
        expect(output.split(key).length - 1).toBe(2);

        const keys = await fetch(`http://127.0.0.1:${port}/v1/api-keys`, { headers: { Authorization: `Bearer ${key}` } });
        expect(keys.status).toBe(200);
      } finally {
        expect(await interrupt(run)).toBe(0);
      }
      expect(run.stderr()).toBe('');
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    });

    it('shows no key at the next start, and stops the same way', async () => {
      const run = await launch();
      const started = run.stdout();
      expect(await interrupt(run)).toBe(0);
      expect(started).toContain(`Billing platform API on http://localhost:${port}`);
      expect(started).not.toMatch(/bk_[A-Za-z0-9_-]{40}/);
      expect(run.stderr()).toBe('');
    });
  });
});
