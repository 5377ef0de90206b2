import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUE_SCHEMA } from '@billing/core';
import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { runMigrations } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { migrate } from '../migrations';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../scripts/embedded-postgres';

/** Long enough that the api's timeouts (5 s to connect, 6 s for a statement's answer) all fire within it. */
const STALL_MS = 15_000;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> & { details?: Record<string, { status: string }> };
  /** When the answer arrived, in Date.now() milliseconds. */
  at: number;
}

/**
 * PostgreSQL stops answering (SIGSTOP to the postmaster and every backend) while requests are in flight. The
 * server is this file's own, so that the other test files, which share the suite's server, are not stalled.
 */
describe('A stalled database', () => {
  const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
  let directory: string;
  let server: EmbeddedDatabase;
  let platform: TestPlatform;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'billing-stall-'));
    chmodSync(directory, 0o755); // PostgreSQL runs as the postgres user when we are root
    server = await startEmbeddedPostgres(join(directory, 'pg'), await freePort(), 'billing');
    await migrate(server.url);
    const client = new Client({ connectionString: server.url });
    await client.connect();
    await runMigrations(client, QUEUE_SCHEMA);
    await client.end();
    platform = await startTestPlatform({ DATABASE_URL: server.url });
  });

  afterAll(async () => {
    await platform?.close();
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const answer = async (pending: request.Test): Promise<Answer> => {
    const response = await pending;
    return { status: response.status, headers: response.headers, body: response.body, at: Date.now() };
  };
  const burst = (keyPrefix: string, accountId: string) => [
    ...Array.from({ length: 20 }, () => answer(request(platform.http).get(`/v1/accounts/${accountId}`).set(auth))),
    ...Array.from({ length: 10 }, (_, index) =>
      answer(
        request(platform.http)
          .post('/v1/accounts')
          .set(auth)
          .set('Idempotency-Key', `${keyPrefix}-${index}`)
          .send({ name: `Stall ${index}`, email: `stall${index}@example.test`, currency: 'EUR' }),
      ),
    ),
  ];

  it('answers 503 problems with Retry-After before the stall ends, then recovers by itself', async () => {
    const created = await request(platform.http)
      .post('/v1/accounts')
      .set(auth)
      .send({ name: 'Acme', email: 'a@acme.test', currency: 'EUR' });
    expect(created.status).toBe(201);

    const stall = stallPostgres(server.clusterDir);
    // The stall ends on time whatever the requests do, so that one hanging through it fails the test below.
    const stallOver = new Promise((resolve) => setTimeout(resolve, STALL_MS)).then(() => stall.resume());
    let during: { requests: Answer[]; ready: Answer; live: Answer };
    try {
      const [requests, ready, live] = await Promise.all([
        Promise.all(burst('during', created.body.id)),
        answer(request(platform.http).get('/health/ready')),
        answer(request(platform.http).get('/health')),
      ]);
      during = { requests, ready, live };
      await stallOver;
    } finally {
      stall.resume();
    }

    for (const reply of during.requests) {
      expect(reply.at).toBeLessThan(stall.resumedAt);
      expect(reply.status).toBe(503);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.headers['retry-after']).toBe('5');
      expect(reply.body).toMatchObject({ status: 503, code: 'database_unavailable', type: 'urn:billing:problem:database_unavailable' });
    }
    expect(during.ready.at).toBeLessThan(stall.resumedAt);
    expect(during.ready.status).toBe(503);
    expect(during.ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(during.ready.headers['retry-after']).toBe('5');
    expect(during.ready.body.detail).toMatch(/database/);
    expect(during.ready.body.details?.database.status).toBe('down');
    // Liveness does not touch the database: it answers while every request above is still waiting.
    expect(during.live.status).toBe(200);
    expect(during.live.at).toBeLessThan(Math.min(...during.requests.map((reply) => reply.at)));

    // Nothing restarts: the pool drops the connections it gave up on and opens new ones.
    let ready = await answer(request(platform.http).get('/health/ready'));
    while (ready.status !== 200 && Date.now() < stall.resumedAt + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await answer(request(platform.http).get('/health/ready'));
    }
    expect(ready.status).toBe(200);
    const after = await Promise.all(burst('after', created.body.id));
    expect(after.map((reply) => reply.status)).toEqual([...Array(20).fill(200), ...Array(10).fill(201)]);
  });
});

/**
 * SIGSTOP to the postmaster of `dataDirectory` and all its children (backends, checkpointer, …): connections
 * are still accepted by the kernel and queries still written, but nothing answers until resume().
 */
function stallPostgres(dataDirectory: string) {
  const postmaster = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  signal(postmaster, 'SIGSTOP'); // first, so that it forks nothing new while its children are listed
  const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number);
  for (const pid of children) signal(pid, 'SIGSTOP');
  const stall = {
    startedAt: Date.now(),
    resumedAt: Infinity,
    resume() {
      if (stall.resumedAt !== Infinity) return;
      for (const pid of [postmaster, ...children]) signal(pid, 'SIGCONT');
      stall.resumedAt = Date.now();
    },
  };
  return stall;
}

/** A backend may exit between being listed and being signalled. */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

// embedded-postgres is an ES module, which jest's CommonJS runtime cannot load: a node process of its own runs
// the server (as globalSetup does outside jest), prints its URL and stops it when its stdin closes.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
