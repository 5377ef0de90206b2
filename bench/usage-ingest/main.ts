/**
 * Usage ingestion benchmark: `npm run bench:usage [-- --seconds 30 --clients 8 --batch 1000 --big-events 1000000]`.
 *
 * One run, one machine, one embedded PostgreSQL (started by the same code as the tests), traffic to 127.0.0.1:
 * 1. the real api in its own process; a metric, a plan and subscriptions created through the API;
 * 2. `--clients` concurrent HTTP clients post `--batch`-event batches for `--seconds` → events/s, batch p50/p99,
 *    and the CPU of the api, of PostgreSQL and of the clients over that time (what limits the rate);
 * 3. the baselines, same rows, same database: a plain multi-row INSERT … VALUES into a plain table, and the
 *    ingestion statement alone (dedupe keys + partitioned events + rollups) without HTTP and validation;
 * 4. the current-usage read of a subscription with `--big-events` events (inserted directly in bulk): p50/p99
 *    over `--reads` reads, beside the database time of the rollup query and of a raw scan of the same events.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QUEUE_SCHEMA } from '@billing/core';
import { aggregatePeriod, StoredUsageEvent, UsageEventStore, UsagePartitions } from '@billing/usage';
import { runMigrations } from 'bullmq';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { migrate } from '../../migrations';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { CpuSampler, postgresPids } from '../support/process-cpu';

const options = parseOptions(process.argv.slice(2), {
  seconds: 30,
  clients: 8,
  batch: 1000,
  subscriptions: 100,
  'warmup-seconds': 3,
  'baseline-seconds': 15,
  'big-events': 1_000_000,
  reads: 50,
});
const API_KEY = 'bk_bench_usage_0123456789abcdefghijklmnopqrstuv';
const ROOT = resolve(__dirname, '..', '..');

interface BenchEvent {
  id: string;
  subscription_id: string;
  metric_code: string;
  timestamp: string;
  value?: number;
}

async function main() {
  const started = Date.now();
  const directory = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  chmodSync(directory, 0o755); // PostgreSQL runs as the postgres user when we are root
  const dataDir = join(directory, 'pg');
  let database: EmbeddedDatabase | undefined;
  let api: ChildProcess | undefined;
  try {
    database = await startEmbeddedPostgres(dataDir, await freePort(), 'bench');
    await migrate(database.url);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await runMigrations(client, QUEUE_SCHEMA);
    const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
    await client.end();

    const port = await freePort();
    api = await startApi(database.url, port);
    const http = new ApiClient(`http://127.0.0.1:${port}`);
    const setup = await createCatalog(http, options.subscriptions);

    console.log(
      `\nUsage ingestion benchmark — ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), PostgreSQL ${version} embedded, Node ${process.version}`,
    );
    console.log(
      `${options.clients} HTTP clients × ${options.batch}-event batches for ${options.seconds} s, ${options.subscriptions} subscriptions, ` +
        `metrics bench_calls (count, graduated) 80% and bench_bytes (sum, per_unit) 20%\n`,
    );

    // 1. HTTP ingestion through the real api.
    const generator = new EventGenerator(setup.subscriptionIds, setup.readyAt);
    await runHttp(http, generator, options['warmup-seconds']);
    const pgPids = () => postgresPids(dataDir);
    const cpu = new CpuSampler([
      { name: 'api', pids: () => [api?.pid as number] },
      { name: 'postgres', pids: pgPids },
    ]);
    const ingest = await runHttp(http, generator, options.seconds);
    const usage = cpu.stop();
    report('POST /v1/usage (HTTP → api: parse, schema, checks, one INSERT statement)', ingest);
    console.log(
      `    CPU over the run (1 core = 100%): api ${usage.groups.api}%, postgres ${usage.groups.postgres}%, ` +
        `bench clients ${usage.self}%, other processes ${Math.max(0, usage.machineBusy - usage.groups.api - usage.groups.postgres - usage.self)}%; ` +
        `machine busy ${usage.machineBusy}% of ${cpus().length * 100}%`,
    );

    // 2. Baselines on the same database with the same rows, without HTTP.
    const pool = new Pool({ connectionString: database.url, max: options.clients });
    await pool.query(`CREATE TABLE bench_plain_events (LIKE usage_events INCLUDING DEFAULTS)`);
    await pool.query(`CREATE INDEX ON bench_plain_events (subscription_id, metric_code, occurred_at)`);
    const baselineSeconds = Math.min(options['baseline-seconds'], options.seconds);
    const plain = await runLoop(options.clients, baselineSeconds, async () => {
      const rows = generator.batch(options.batch).map(stored);
      await pool.query(plainInsert(rows.length), plainValues(rows));
      return rows.length;
    });
    report('plain multi-row INSERT … VALUES (same rows, plain table with the same index)', plain);

    const dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: options.clients } });
    await dataSource.initialize();
    const store = new UsageEventStore(dataSource);
    const partitions = new UsagePartitions(dataSource);
    const statementCpu = new CpuSampler([{ name: 'postgres', pids: pgPids }]);
    const statement = await runLoop(options.clients, baselineSeconds, async () => {
      const rows = generator.batch(options.batch).map(stored);
      await partitions.ensureFor(rows.map((row) => row.occurredAt));
      return store.insert(rows, new Date());
    });
    const statementUsage = statementCpu.stop();
    report('ingestion statement alone (dedupe keys + partitioned events + hourly rollups)', statement);
    console.log(
      `    CPU over the run: postgres ${statementUsage.groups.postgres}%, this process ${statementUsage.self}%, machine busy ${statementUsage.machineBusy}%`,
    );

    // 3. The current-usage read of a subscription with many events.
    const big = await bigSubscription(http, dataSource, partitions, setup.planId, setup.accountId, options['big-events']);
    // The endpoint and its query alone, interleaved so that whatever else the machine does weighs on both alike;
    // then the scans that the rollups avoid (run after, since each evicts much of the cache).
    const reads: number[] = [];
    const sqlTimes: number[] = [];
    const rawTimes: number[] = [];
    const distinctTimes: number[] = [];
    const timed = async (times: number[] | null, work: () => Promise<unknown>) => {
      const t0 = performance.now();
      const result = await work();
      times?.push(performance.now() - t0);
      return result;
    };
    for (let index = -5; index < options.reads; index += 1) {
      const warm = index < 0;
      big.answer = await timed(warm ? null : reads, () => http.get(`/v1/subscriptions/${big.id}/usage`));
      await timed(warm ? null : sqlTimes, () => aggregatePeriod(dataSource.manager, big.id, setup.metrics, big.start, big.end));
    }
    for (let index = 0; index < 5; index += 1) {
      await timed(rawTimes, () =>
        dataSource.query(
          `SELECT metric_code, count(*), sum(value) FROM usage_events WHERE subscription_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY metric_code`,
          [big.id, big.start, big.end],
        ),
      );
      await timed(distinctTimes, () =>
        dataSource.query(
          `SELECT count(DISTINCT id) FROM usage_events WHERE subscription_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
          [big.id, big.start, big.end],
        ),
      );
    }
    const answer = big.answer as { amount: number; metrics: { metric_code: string; quantity: string; amount: number }[] };
    console.log(`\nGET /v1/subscriptions/{id}/usage, subscription with ${options['big-events'].toLocaleString('en')} events this period`);
    console.log(
      `    answer: ${answer.metrics.map((metric) => `${metric.metric_code} ${metric.quantity} → ${metric.amount}`).join(', ')}; amount ${answer.amount}`,
    );
    console.log(
      `    HTTP read p50 ${fmt(percentile(reads, 50))} ms, p99 ${fmt(percentile(reads, 99))} ms (${reads.length} reads, one after another)`,
    );
    console.log(
      `    database alone: the rollup query p50 ${fmt(percentile(sqlTimes, 50))} ms, p99 ${fmt(percentile(sqlTimes, 99))} ms; ` +
        `the same aggregates by a raw scan of the events (no rollups) p50 ${fmt(percentile(rawTimes, 50))} ms`,
    );
    console.log(
      `    count(DISTINCT) over the same raw events, what a unique_count metric that size costs (not decomposable into rollups): p50 ${fmt(percentile(distinctTimes, 50))} ms`,
    );

    const sizes = await dataSource.query(
      `SELECT (SELECT count(*) FROM usage_events)::bigint AS events, (SELECT count(*) FROM usage_rollups)::bigint AS rollups,
              pg_size_pretty(pg_total_relation_size('usage_event_keys')) AS keys_size`,
    );
    console.log(
      `\nstored: ${sizes[0].events} events, ${sizes[0].rollups} rollup rows, dedupe keys ${sizes[0].keys_size}; run took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    console.log(
      `targets: ≥ 20000 events/s ${ingest.rate >= 20_000 ? 'met' : 'MISSED'}, batch p99 < 250 ms ${percentile(ingest.latencies, 99) < 250 ? 'met' : 'MISSED'}, ` +
        `current-usage read < 50 ms ${percentile(reads, 99) < 50 ? 'met (p99)' : percentile(reads, 50) < 50 ? 'met (p50 only)' : 'MISSED'}`,
    );
    await dataSource.destroy();
    await pool.end();
  } finally {
    if (api && api.exitCode === null) {
      const exited = new Promise((done) => api?.once('exit', done));
      api.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    await database?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- the api

function startApi(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'api-server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BILLING_BOOTSTRAP_API_KEY: API_KEY,
      BILLING_CLOCK: 'system',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the api did not start within 180 s')), 180_000);
    child.once('message', () => {
      clearTimeout(timer);
      done(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the api exited with ${code}`));
    });
  });
}

class ApiClient {
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async post(path: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
    const response = await this.request('POST', path, body);
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  }

  async get(path: string): Promise<unknown> {
    const response = await this.request('GET', path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

async function createCatalog(http: ApiClient, subscriptions: number) {
  await http.post('/v1/metrics', { code: 'bench_calls', name: 'API calls', aggregation: 'count' }, 201);
  await http.post('/v1/metrics', { code: 'bench_bytes', name: 'Bytes', aggregation: 'sum' }, 201);
  const plan = await http.post(
    '/v1/plans',
    {
      code: 'bench-plan',
      name: 'Bench',
      interval: 'month',
      prices: [{ currency: 'USD', amount: 1000 }],
      charges: [
        {
          metric_code: 'bench_calls',
          model: 'graduated',
          prices: [
            {
              currency: 'USD',
              tiers: [
                { up_to: 100, unit_amount: '0' },
                { up_to: 1000, unit_amount: '0.5' },
                { up_to: null, unit_amount: '0.2' },
              ],
            },
          ],
        },
        { metric_code: 'bench_bytes', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.000001' }] },
      ],
    },
    201,
  );
  const account = await http.post('/v1/accounts', { name: 'Bench', email: 'bench@example.test', currency: 'USD' }, 201);
  const subscriptionIds: string[] = [];
  for (let index = 0; index < subscriptions; index += 1) {
    const subscription = await http.post('/v1/subscriptions', { account_id: account.id, plan_id: plan.id }, 201);
    subscriptionIds.push(subscription.id as string);
  }
  return {
    planId: plan.id as string,
    accountId: account.id as string,
    subscriptionIds,
    readyAt: Date.now(),
    metrics: [
      { code: 'bench_calls', aggregation: 'count' as const, field: null },
      { code: 'bench_bytes', aggregation: 'sum' as const, field: null },
    ],
  };
}

// ------------------------------------------------------------------------------------------- the load

/** Events with unique ids over the subscriptions, timestamped in the last seconds (never before setup). */
class EventGenerator {
  private sequence = 0;
  private readonly run = Math.random().toString(36).slice(2, 8);

  constructor(
    private readonly subscriptionIds: string[],
    private readonly notBefore: number,
  ) {}

  batch(size: number): BenchEvent[] {
    const now = Date.now();
    const events: BenchEvent[] = new Array(size);
    for (let index = 0; index < size; index += 1) {
      const sequence = ++this.sequence;
      const bytes = sequence % 5 === 0;
      events[index] = {
        id: `evt_${this.run}_${sequence}`,
        subscription_id: this.subscriptionIds[sequence % this.subscriptionIds.length],
        metric_code: bytes ? 'bench_bytes' : 'bench_calls',
        timestamp: new Date(Math.max(this.notBefore, now - Math.floor(Math.random() * 2000))).toISOString(),
        ...(bytes ? { value: 1000 + (sequence % 9000) } : {}),
      };
    }
    return events;
  }
}

function stored(event: BenchEvent): StoredUsageEvent {
  return {
    id: event.id,
    subscriptionId: event.subscription_id,
    metricCode: event.metric_code,
    occurredAt: new Date(event.timestamp),
    value: event.value === undefined ? null : String(event.value),
    distinctValue: null,
    properties: null,
  };
}

interface LoopResult {
  events: number;
  batches: number;
  seconds: number;
  rate: number;
  latencies: number[];
}

async function runHttp(http: ApiClient, generator: EventGenerator, seconds: number): Promise<LoopResult> {
  return runLoop(options.clients, seconds, async () => {
    const response = await http.request('POST', '/v1/usage', JSON.stringify({ events: generator.batch(options.batch) }));
    if (response.status !== 202)
      throw new Error(`POST /v1/usage answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
    return (response.body as { accepted: number }).accepted;
  });
}

/** `clients` loops calling `work` back to back for `seconds`; `work` answers the events it stored. */
async function runLoop(clients: number, seconds: number, work: () => Promise<number>): Promise<LoopResult> {
  const latencies: number[] = [];
  let events = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        const stored = await work(); // (not `events += await work()`: that reads `events` before awaiting)
        events += stored;
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { events, batches: latencies.length, seconds: elapsed, rate: events / elapsed, latencies };
}

function plainInsert(rows: number): string {
  const values = Array.from({ length: rows }, (_, row) => {
    const at = row * 6;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`;
  });
  return `INSERT INTO bench_plain_events (id, subscription_id, metric_code, occurred_at, value, received_at) VALUES ${values.join(', ')}`;
}

function plainValues(rows: StoredUsageEvent[]): unknown[] {
  const now = new Date();
  return rows.flatMap((row) => [row.id, row.subscriptionId, row.metricCode, row.occurredAt, row.value, now]);
}

// ------------------------------------------------------------------------------- the big subscription

async function bigSubscription(
  http: ApiClient,
  dataSource: DataSource,
  partitions: UsagePartitions,
  planId: string,
  accountId: string,
  count: number,
) {
  const subscription = await http.post('/v1/subscriptions', { account_id: accountId, plan_id: planId }, 201);
  const id = subscription.id as string;
  // Fifteen days (and an odd 3 h 17 min) into a monthly period: the events fill it up to now.
  const now = Date.now();
  const start = new Date(now - 15 * 86_400_000 - (3 * 60 + 17) * 60_000 - 123);
  const end = new Date(start.getTime() + 30 * 86_400_000);
  await dataSource.query(
    `UPDATE subscriptions SET created_at = $2, anchor = $2, current_period_start = $2, current_period_end = $3 WHERE id = $1`,
    [id, start, end],
  );
  await partitions.ensureFor([start, new Date(now)]);
  const t0 = performance.now();
  const span = now - start.getTime() - 1000;
  // 80% calls, 20% bytes, spread evenly over the period so far; rollups built from them as ingestion would.
  await dataSource.query(
    `INSERT INTO usage_events (id, subscription_id, metric_code, occurred_at, value, received_at)
     SELECT 'big_' || i, $1, CASE WHEN i % 5 = 0 THEN 'bench_bytes' ELSE 'bench_calls' END,
            $2::timestamptz + (i::float8 / $3 * $4) * interval '1 millisecond',
            CASE WHEN i % 5 = 0 THEN (1000 + i % 9000)::numeric END, now()
       FROM generate_series(1, $3) AS i`,
    [id, start, count, span],
  );
  await dataSource.query(
    `INSERT INTO usage_event_keys (id, occurred_at) SELECT id, occurred_at FROM usage_events WHERE subscription_id = $1`,
    [id],
  );
  await dataSource.query(
    `INSERT INTO usage_rollups (subscription_id, metric_code, bucket_start, event_count, value_sum, value_max)
     SELECT subscription_id, metric_code, date_trunc('hour', occurred_at, 'UTC'), count(*), coalesce(sum(value), 0), max(value)
       FROM usage_events WHERE subscription_id = $1 GROUP BY 1, 2, 3`,
    [id],
  );
  await dataSource.query(`VACUUM ANALYZE usage_events, usage_rollups, usage_event_keys`);
  console.log(
    `\n(bulk-inserted ${count.toLocaleString('en')} events for the read test in ${fmt((performance.now() - t0) / 1000)} s, then VACUUM ANALYZE)`,
  );
  return { id, start, end, answer: undefined as unknown };
}

// --------------------------------------------------------------------------------------------- output

function report(label: string, result: LoopResult) {
  console.log(label);
  console.log(
    `    ${Math.round(result.rate).toLocaleString('en')} events/s (${result.events.toLocaleString('en')} events, ${result.batches} batches in ${fmt(result.seconds)} s); ` +
      `batch latency p50 ${fmt(percentile(result.latencies, 50))} ms, p99 ${fmt(percentile(result.latencies, 99))} ms, max ${fmt(Math.max(...result.latencies))} ms`,
  );
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function parseOptions<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const parsed: Record<string, number> = { ...defaults };
  for (let index = 0; index < argv.length; index += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
    if (!match || !(match[1] in defaults)) throw new Error(`unknown option ${argv[index]}; known: ${Object.keys(defaults).join(', ')}`);
    const value = Number(match[2] ?? argv[++index]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${match[1]} needs a positive number`);
    parsed[match[1]] = value;
  }
  return parsed as T;
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

function sleep(ms: number) {
  return new Promise((done) => setTimeout(done, ms));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
