/**
 * API benchmark: `npm run bench:api [-- --seconds 10 --connections 16 --only accounts.get,accounts.post
 *   --cpu-prof --pg-statements]`.
 *
 * One machine, one embedded PostgreSQL (started by the same code as the tests), the embedded defaults (jobs on
 * BullMQ's PostgreSQL backend, rate-limit counters in memory, LOG_LEVEL info to a file), traffic to 127.0.0.1:
 * - the real api in a process of its own (./api-server.ts: `createApiApp` as production builds it) and the
 *   real scheduler in another (as `npm start` runs it), so that the load generator shares the event loop of
 *   neither. The load generator is autocannon, in this process: 16 connections, one request in flight on each;
 * - the ceilings, in a third process (./ceiling-server.ts): a bare Fastify handler running the account's
 *   single-row SELECT on a pg pool of the api's size and settings (the read ceiling), and a bare transaction of
 *   the three inserts `POST /v1/accounts` makes (the write ceiling);
 * - each scenario runs `--warmup-seconds` unmeasured, then `--seconds` measured; printed: requests/s,
 *   p50/p95/p99 latency, and each as a ratio of its ceiling (`GET /health` is the framework's ceiling,
 *   shown for scale), with the CPU each process used (1 core = 100%): what limits the rate.
 * - `POST /v1/subscriptions` issues each subscription's first invoice through the outbox and the scheduler;
 *   the bench waits for them all and prints the delay from each answer to its invoice's creation.
 * `--tracing` adds a second api process with OpenTelemetry on (OTLP/HTTP to a sink process, ./otlp-sink.ts) and
 *   measures each api scenario on both, alternating in five slices: what tracing costs, in the same conditions.
 * `--cpu-prof` runs the api under `node --cpu-prof` and prints where its CPU went (self time by function and
 * by package); `--pg-statements` restarts PostgreSQL with pg_stat_statements and prints, per scenario, the
 * statements that took the database's time (mean and per request).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QUEUE_SCHEMA } from '@billing/core';
import { runMigrations } from 'bullmq';
import { Client } from 'pg';
import { migrate } from '../../migrations';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { summariseCpuProfile } from './cpu-profile';
import { CpuSampler, postgresPids } from '../support/process-cpu';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : fallback;
};
const SECONDS = Number(option('seconds', '10'));
const CONNECTIONS = Number(option('connections', '16'));
const ONLY = option('only', '')
  .split(',')
  .filter((name) => name !== '');
const CPU_PROF = flag('cpu-prof');
const PG_STATEMENTS = flag('pg-statements');
const TRACING = flag('tracing');
/**
 * Longer with --tracing: the api that was not warmed by the setup needs it. Both apis untraced (an A/A run) gave
 * 88% for the second with 2 s of warm-up, 110% with 8 s: the comparison's noise.
 */
const WARMUP_SECONDS = Number(option('warmup-seconds', TRACING ? '8' : '2'));
/** With --tracing, each api scenario alternates this many times between the api and the traced api. */
const TRACING_SLICES = 5;

const API_KEY = 'bk_bench_api_0123456789abcdefghijklmnopqrstuvwx';
const ROOT = resolve(__dirname, '..', '..');
const RUN = Math.random().toString(36).slice(2, 8);
const SETUP_ACCOUNTS = 100;
let idempotencyKeys = 0;

interface Scenario {
  name: string;
  label: string;
  /** `traced`: the api with tracing on (--tracing); its `ceiling` is the same scenario on the untraced api. */
  target: 'api' | 'traced' | 'ceiling';
  ceiling?: string;
  method: 'GET' | 'POST';
  expected: number;
  path: () => string;
  body?: () => unknown;
}

interface Measured {
  scenario: Scenario;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
  failure?: string;
  cpu: Record<string, number>;
  statements?: string[];
  latencies: number[];
  seconds: number;
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'billing-bench-api-'));
  chmodSync(directory, 0o755); // PostgreSQL runs as the postgres user when we are root
  const dataDir = join(directory, 'pg');
  const children: ChildProcess[] = [];
  let database: EmbeddedDatabase | undefined;
  try {
    const pgPort = await freePort();
    database = await startEmbeddedPostgres(dataDir, pgPort, 'bench');
    if (PG_STATEMENTS) {
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.end();
      await database.stop();
      database = await startEmbeddedPostgres(dataDir, pgPort, 'bench');
    }
    const url = database.url;
    await migrate(url);
    const sql = new Client({ connectionString: url });
    await sql.connect();
    await runMigrations(sql, QUEUE_SCHEMA);
    if (PG_STATEMENTS) await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    for (const table of ['accounts', 'events', 'audit_log']) {
      await sql.query(`CREATE TABLE bench_${table} (LIKE ${table} INCLUDING ALL)`);
    }
    const version = (await sql.query('SHOW server_version')).rows[0].server_version as string;

    const apiPort = await freePort();
    const ceilingPort = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: url,
      REDIS_URL: '',
      BILLING_CLOCK: 'system',
      BILLING_BOOTSTRAP_API_KEY: API_KEY,
      // The limits protect capacity; the bench measures it.
      RATE_LIMIT_PER_HOUR: '1000000000',
      USAGE_RATE_LIMIT_PER_HOUR: '1000000000',
    };
    const profileDir = join(directory, 'profile');
    const api = await startProcess('api-server.ts', { ...env, PORT: String(apiPort) }, join(directory, 'api.log'), [
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ]);
    children.push(api);
    const scheduler = await startProcess(
      '../../apps/scheduler/src/main.ts',
      { ...env, SCHEDULER_PORT: '0' },
      join(directory, 'scheduler.log'),
      [],
      false,
    );
    children.push(scheduler);
    const ceiling = await startProcess('ceiling-server.ts', { ...env, PORT: String(ceilingPort) }, join(directory, 'ceiling.log'));
    children.push(ceiling);
    const tracedPort = await freePort();
    const sinkPort = await freePort();
    const sink = TRACING ? await startProcess('otlp-sink.ts', { ...env, PORT: String(sinkPort) }, join(directory, 'sink.log')) : undefined;
    const traced = TRACING
      ? await startProcess(
          'api-server.ts',
          { ...env, PORT: String(tracedPort), OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}` },
          join(directory, 'api-traced.log'),
          CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        )
      : undefined;
    children.push(...[sink, traced].filter((child): child is ChildProcess => child !== undefined));

    const http = new ApiClient(`http://127.0.0.1:${apiPort}`);
    const setup = await createData(http, sql);
    console.log(
      `\nAPI benchmark — ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), PostgreSQL ${version} embedded, Node ${process.version}; ` +
        `${CONNECTIONS} connections, ${SECONDS} s per scenario after ${WARMUP_SECONDS} s of warm-up; api, scheduler and ceiling server in processes of their own\n`,
    );

    let sequence = 0;
    const next = () => ++sequence;
    const createdAccounts: string[] = [];
    const cycle = <T>(values: T[]) => values[next() % values.length];
    const scenarios: Scenario[] = [
      { name: 'health', label: 'GET /health', target: 'api', method: 'GET', expected: 200, path: () => '/health' },
      {
        name: 'read',
        label: 'bare read (Fastify + pg, the same SELECT)',
        target: 'ceiling',
        method: 'GET',
        expected: 200,
        path: () => `/read/${cycle(setup.accountIds)}`,
      },
      {
        name: 'accounts.get',
        label: 'GET /v1/accounts/{id}',
        target: 'api',
        ceiling: 'read',
        method: 'GET',
        expected: 200,
        path: () => `/v1/accounts/${cycle(setup.accountIds)}`,
      },
      {
        name: 'invoices.list',
        label: 'GET /v1/invoices?limit=20',
        target: 'api',
        ceiling: 'read',
        method: 'GET',
        expected: 200,
        path: () => '/v1/invoices?limit=20',
      },
      {
        name: 'write',
        label: 'bare 3-insert transaction (Fastify + pg)',
        target: 'ceiling',
        method: 'POST',
        expected: 201,
        path: () => '/write',
        body: () => ({ name: 'Bench', email: `w${next()}@bench.test`, currency: 'USD' }),
      },
      {
        name: 'accounts.post',
        label: 'POST /v1/accounts',
        target: 'api',
        ceiling: 'write',
        method: 'POST',
        expected: 201,
        path: () => '/v1/accounts',
        body: () => ({ name: `Bench ${RUN}`, email: `a${next()}@bench.test`, currency: 'USD' }),
      },
      {
        name: 'subscriptions.post',
        label: 'POST /v1/subscriptions',
        target: 'api',
        ceiling: 'write',
        method: 'POST',
        expected: 201,
        path: () => '/v1/subscriptions',
        body: () => ({ account_id: createdAccounts.length ? cycle(createdAccounts) : cycle(setup.accountIds), plan_id: setup.planId }),
      },
      {
        name: 'usage.post',
        label: 'POST /v1/usage (100 events)',
        target: 'api',
        ceiling: 'write',
        method: 'POST',
        expected: 202,
        path: () => '/v1/usage',
        body: () => ({ events: usageBatch(setup.subscriptionIds, 100, next) }),
      },
    ];

    const ports = { api: apiPort, traced: tracedPort, ceiling: ceilingPort };
    const results = new Map<string, Measured>();
    const pgPids = () => postgresPids(database?.clusterDir ?? dataDir);
    for (const scenario of scenarios) {
      if (
        ONLY.length &&
        !ONLY.includes(scenario.name) &&
        !scenarios.some((other) => ONLY.includes(other.name) && other.ceiling === scenario.name)
      )
        continue;
      const base = `http://127.0.0.1:${ports[scenario.target]}`;
      const onCreated = scenario.name === 'accounts.post' ? (body: string) => createdAccounts.push(JSON.parse(body).id) : undefined;
      await load(base, scenario, WARMUP_SECONDS, onCreated);
      if (PG_STATEMENTS) await sql.query('SELECT pg_stat_statements_reset()');
      if (flag('log-statements')) {
        await sql.query(`ALTER SYSTEM SET log_min_duration_statement = 0`);
        await sql.query(`ALTER SYSTEM SET log_line_prefix = '%m [%p] %x '`);
        await sql.query('SELECT pg_reload_conf()');
      }
      const answered: { id: string; at: number }[] = [];
      const groups = [
        { name: 'api', pids: () => [api.pid as number] },
        { name: 'scheduler', pids: () => [scheduler.pid as number] },
        { name: 'ceiling', pids: () => [ceiling.pid as number] },
        { name: 'postgres', pids: pgPids },
        ...(traced && sink
          ? [
              { name: 'api traced', pids: () => [traced.pid as number] },
              { name: 'otlp sink', pids: () => [sink.pid as number] },
            ]
          : []),
      ];
      const measureFor = async (measuring: Scenario, seconds: number) => {
        const cpu = new CpuSampler(groups);
        const measured = await load(`http://127.0.0.1:${ports[measuring.target]}`, measuring, seconds, (body) => {
          onCreated?.(body);
          if (measuring.name.startsWith('subscriptions.post')) answered.push({ id: JSON.parse(body).id, at: Date.now() });
        });
        const use = cpu.stop();
        measured.cpu = { ...use.groups, bench: use.self };
        return measured;
      };
      const waits = PG_STATEMENTS ? new WaitSampler(url) : undefined;
      // With --tracing, the same scenario on the traced api, in alternating slices of the same length: a machine
      // whose load changes during the run changes both sides alike.
      const twin: Scenario | undefined =
        TRACING && scenario.target === 'api' && scenario.name !== 'health'
          ? { ...scenario, name: `${scenario.name}.traced`, label: '  tracing on', target: 'traced', ceiling: scenario.name }
          : undefined;
      if (twin) await load(`http://127.0.0.1:${tracedPort}`, twin, WARMUP_SECONDS, onCreated);
      const slices = twin ? TRACING_SLICES : 1;
      const parts = new Map<Scenario, Measured[]>();
      for (let slice = 0; slice < slices; slice++) {
        for (const measuring of twin ? [scenario, twin] : [scenario]) {
          parts.set(measuring, [...(parts.get(measuring) ?? []), await measureFor(measuring, SECONDS / slices)]);
        }
      }
      const [measured, tracedMeasured] = [...parts.values()].map(combined);
      if (flag('log-statements')) {
        await sql.query(`ALTER SYSTEM RESET log_min_duration_statement`);
        await sql.query('SELECT pg_reload_conf()');
      }
      if (waits) measured.statements = [await waits.stop(), ...(await topStatements(sql, measured.requests))];
      results.set(scenario.name, measured);
      printResult(measured, scenario.ceiling ? results.get(scenario.ceiling) : undefined);
      if (tracedMeasured) {
        results.set(tracedMeasured.scenario.name, tracedMeasured);
        printResult(tracedMeasured, measured);
      }
      if (scenario.name === 'subscriptions.post') await invoiceDelays(sql, answered);
    }
    printTargets(results);

    for (const child of children) await stopProcess(child);
    children.length = 0;
    if (CPU_PROF) {
      const profiles = readdirSync(profileDir).filter((file) => file.endsWith('.cpuprofile'));
      // node names a profile CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
      const nameOf = (file: string) => (file.split('.')[3] === String(traced?.pid) ? 'the api with tracing on' : 'the api');
      for (const file of profiles) {
        console.log(`\n${nameOf(file)}: ${summariseCpuProfile(readFileSync(join(profileDir, file), 'utf8'), ROOT)}`);
      }
    }
    await sql.end();
  } finally {
    for (const child of children) await stopProcess(child);
    await database?.stop();
    if (flag('keep')) console.log(`kept ${directory} (logs, profiles; the cluster is stopped)`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------- the load

async function load(base: string, scenario: Scenario, seconds: number, onAnswer?: (body: string) => void): Promise<Measured> {
  const latencies: number[] = [];
  let failures = 0;
  let failure: string | undefined;
  const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` };
  if (scenario.method === 'POST') headers['content-type'] = 'application/json';
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: scenario.method,
            path: scenario.path(),
            headers,
            setupRequest: (request) => ({
              ...request,
              path: scenario.path(),
              ...(scenario.body
                ? { body: JSON.stringify(scenario.body()), headers: { ...headers, 'idempotency-key': `bench-${RUN}-${++idempotencyKeys}` } }
                : {}),
            }),
            onResponse: (status, body) => {
              if (status !== scenario.expected) {
                failures += 1;
                failure ??= `${status} ${String(body).slice(0, 300)}`;
              } else onAnswer?.(String(body));
            },
          },
        ],
      },
      (error, answer) => (error ? fail(error) : done(answer)),
    );
    instance.on('response', (_client, _status, _bytes, time) => latencies.push(time));
  });
  const elapsed = (performance.now() - started) / 1000;
  return {
    scenario,
    rate: latencies.length / Math.max(elapsed, result.duration),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failures: failures + result.errors + result.timeouts,
    failure,
    cpu: {},
    latencies,
    seconds: Math.max(elapsed, result.duration),
  };
}

/** Slices of one scenario's measurement as one: requests over the time of all, percentiles of all latencies. */
function combined(slices: Measured[]): Measured {
  if (slices.length === 1) return slices[0];
  const latencies = slices.flatMap((slice) => slice.latencies);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const cpu: Record<string, number> = {};
  for (const slice of slices) {
    for (const [name, value] of Object.entries(slice.cpu)) cpu[name] = (cpu[name] ?? 0) + (value * slice.seconds) / seconds;
  }
  return {
    scenario: slices[0].scenario,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failures: slices.reduce((sum, slice) => sum + slice.failures, 0),
    failure: slices.find((slice) => slice.failure)?.failure,
    cpu: Object.fromEntries(Object.entries(cpu).map(([name, value]) => [name, Math.round(value)])),
    latencies,
    seconds,
  };
}

function usageBatch(subscriptionIds: string[], size: number, next: () => number) {
  const now = Date.now();
  return Array.from({ length: size }, () => {
    const sequence = next();
    return {
      id: `evt_${RUN}_${sequence}`,
      subscription_id: subscriptionIds[sequence % subscriptionIds.length],
      metric_code: 'bench_calls',
      timestamp: new Date(now - (sequence % 1000)).toISOString(),
    };
  });
}

// --------------------------------------------------------------------------------------------- setup

async function createData(http: ApiClient, sql: Client) {
  const started = Date.now();
  await http.post('/v1/metrics', { code: 'bench_calls', name: 'API calls', aggregation: 'count' }, 201);
  const plan = await http.post(
    '/v1/plans',
    {
      code: 'bench-api',
      name: 'Bench',
      interval: 'month',
      prices: [{ currency: 'USD', amount: 1000 }],
      charges: [{ metric_code: 'bench_calls', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.01' }] }],
    },
    201,
  );
  const accountIds: string[] = [];
  const subscriptionIds: string[] = [];
  for (let index = 0; index < SETUP_ACCOUNTS; index += 1) {
    const account = await http.post('/v1/accounts', { name: `Setup ${index}`, email: `setup${index}@bench.test`, currency: 'USD' }, 201);
    accountIds.push(account.id as string);
    const subscription = await http.post('/v1/subscriptions', { account_id: account.id, plan_id: plan.id }, 201);
    subscriptionIds.push(subscription.id as string);
  }
  // The scheduler issues their first invoices: the invoice list has pages to read, and the pipeline works.
  for (;;) {
    const count = Number((await sql.query('SELECT count(*) FROM invoices')).rows[0].count);
    if (count >= SETUP_ACCOUNTS) break;
    if (Date.now() - started > 120_000) throw new Error(`only ${count} of ${SETUP_ACCOUNTS} first invoices issued after 120 s`);
    await sleep(200);
  }
  await sql.query('ANALYZE');
  return { planId: plan.id as string, accountIds, subscriptionIds };
}

/** How long after its answer each subscription's first invoice was created (issued by the scheduler). */
async function invoiceDelays(sql: Client, answered: { id: string; at: number }[]) {
  const started = Date.now();
  const ids = answered.map((answer) => answer.id);
  for (;;) {
    const count = Number((await sql.query('SELECT count(*) FROM invoices WHERE subscription_id = ANY($1)', [ids])).rows[0].count);
    if (count >= ids.length || Date.now() - started > 300_000) break;
    await sleep(250);
  }
  const drained = (Date.now() - started) / 1000;
  const { rows } = await sql.query<{ subscription_id: string; created_at: Date }>(
    `SELECT subscription_id, created_at FROM invoices WHERE subscription_id = ANY($1)`,
    [ids],
  );
  const createdAt = new Map(rows.map((row) => [row.subscription_id, row.created_at.getTime()]));
  const delays = answered.filter((answer) => createdAt.has(answer.id)).map((answer) => (createdAt.get(answer.id) as number) - answer.at);
  const withinOne = delays.filter((delay) => delay <= 1000).length;
  console.log(
    `    first invoices: ${delays.length} of ${answered.length} issued (the last ${fmt(drained)} s after the load stopped); ` +
      `delay from the answer p50 ${fmt(percentile(delays, 50))} ms, p95 ${fmt(percentile(delays, 95))} ms, ` +
      `p99 ${fmt(percentile(delays, 99))} ms, max ${fmt(Math.max(...delays))} ms; within 1 s: ${pct(withinOne / Math.max(1, answered.length))}`,
  );
}

async function topStatements(sql: Client, requests: number): Promise<string[]> {
  const { rows } = await sql.query<{ query: string; calls: string; total: number; mean: number }>(
    `SELECT query, calls, total_exec_time AS total, mean_exec_time AS mean
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 10`,
  );
  return rows.map(
    (row) =>
      `${fmt(row.total / Math.max(1, requests))} ms/request, ${(Number(row.calls) / Math.max(1, requests)).toFixed(2)} calls/request, ` +
      `mean ${row.mean.toFixed(3)} ms: ${row.query.replace(/\s+/g, ' ').slice(0, 160)}`,
  );
}

/**
 * What the database's sessions were doing while the load ran, sampled every 50 ms from pg_stat_activity:
 * on CPU, or waiting (for a lock, the WAL flush of a commit, the client's next statement, …).
 */
class WaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private readonly client: Client;
  private readonly running: Promise<void>;
  private stopped = false;

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
    this.running = this.run();
  }

  private async run() {
    await this.client.connect();
    while (!this.stopped) {
      const { rows } = await this.client.query<{ what: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ' (' || state || ')' AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
      );
      this.samples += 1;
      for (const row of rows) this.counts.set(row.what, (this.counts.get(row.what) ?? 0) + row.n);
      await sleep(50);
    }
  }

  async stop(): Promise<string> {
    this.stopped = true;
    await this.running;
    await this.client.end();
    const parts = [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([what, n]) => `${what} ${(n / this.samples).toFixed(1)}`);
    return `non-idle sessions on average: ${parts.join(', ')}`;
  }
}

// ----------------------------------------------------------------------------------------- processes

async function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  execArgv: string[] = [],
  ipc = true,
): Promise<ChildProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...execArgv, '-r', '@swc-node/register', join(__dirname, script)], {
    cwd: ROOT,
    env,
    stdio: ipc ? ['ignore', log, 'inherit', 'ipc'] : ['ignore', log, 'inherit'],
  });
  closeSync(log);
  if (!ipc) return child; // the scheduler: ready once its first ticks ran, which createData waits for
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within 180 s`)), 180_000);
    child.once('message', () => {
      clearTimeout(timer);
      done(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited with ${code} (its log: ${logFile})`));
    });
  });
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  if (child.connected) child.send({ stop: true });
  else child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
  }
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

class ApiClient {
  constructor(private readonly base: string) {}

  async post(path: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  }
}

// --------------------------------------------------------------------------------------------- output

function printResult(result: Measured, ceiling: Measured | undefined) {
  const { scenario } = result;
  const ratio = !ceiling
    ? ''
    : scenario.target === 'traced'
      ? `  = ${pct(result.rate / ceiling.rate)} of the rate with tracing off; api CPU per request ×${(result.cpu['api traced'] / result.rate / (ceiling.cpu.api / ceiling.rate)).toFixed(2)}; latency ×${(result.p50 / ceiling.p50).toFixed(1)} / ×${(result.p95 / ceiling.p95).toFixed(1)} / ×${(result.p99 / ceiling.p99).toFixed(1)}`
      : `  = ${pct(result.rate / ceiling.rate)} of the ${ceiling.scenario.name} ceiling's rate; latency ×${(result.p50 / ceiling.p50).toFixed(1)} / ×${(result.p95 / ceiling.p95).toFixed(1)} / ×${(result.p99 / ceiling.p99).toFixed(1)}`;
  console.log(
    `${scenario.label.padEnd(44)} ${Math.round(result.rate).toLocaleString('en').padStart(6)} req/s  ` +
      `p50 ${fmt(result.p50).padStart(5)} ms  p95 ${fmt(result.p95).padStart(5)} ms  p99 ${fmt(result.p99).padStart(5)} ms${ratio}`,
  );
  const cpu = Object.entries(result.cpu)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${value}%`)
    .join(', ');
  console.log(`    ${result.requests.toLocaleString('en')} requests; CPU (1 core = 100%): ${cpu}`);
  if (result.failures > 0)
    console.log(`    ${result.failures} FAILED (expected ${scenario.expected}); first: ${result.failure ?? 'socket error or timeout'}`);
  for (const line of result.statements ?? []) console.log(`      ${line}`);
}

function printTargets(results: Map<string, Measured>) {
  const check = (name: string, test: (result: Measured, ceiling?: Measured) => boolean, what: string) => {
    const result = results.get(name);
    if (!result) return;
    const ceiling = result.scenario.ceiling ? results.get(result.scenario.ceiling) : undefined;
    console.log(`  ${what}: ${test(result, ceiling) ? 'met' : 'MISSED'}`);
  };
  console.log('\ntargets:');
  check('accounts.get', (r, c) => !!c && r.rate >= 0.5 * c.rate, 'GET /v1/accounts/{id} ≥ 50% of the bare read');
  check('accounts.get', (r) => r.p95 < 15, 'GET /v1/accounts/{id} p95 < 15 ms');
  check('accounts.post', (r, c) => !!c && r.rate >= 0.5 * c.rate, 'POST /v1/accounts ≥ 50% of the bare 3-insert transaction');
  check('accounts.post', (r) => r.p95 < 50, 'POST /v1/accounts p95 < 50 ms');
  check('subscriptions.post', (r) => r.rate >= 300, 'POST /v1/subscriptions ≥ 300 req/s');
  for (const name of ['accounts.get', 'invoices.list', 'accounts.post', 'subscriptions.post', 'usage.post']) {
    check(`${name}.traced`, (r, c) => !!c && r.rate >= 0.85 * c.rate, `${name} with tracing on ≥ 85% of its rate with tracing off`);
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
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
