import 'reflect-metadata';
import { AuditModule } from '@billing/audit';
import { ClockModule, ConfigModule, DatabaseModule, loadConfig } from '@billing/core';
import { domainEvent, systemContext } from '@billing/kernel';
import { CreateWebhookEndpointCommand, FanOutWebhooksSubscriber, WebhookDispatcher, WebhooksModule } from '@billing/webhooks';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { ChildProcess, fork } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrate } from '../../migrations';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { argument, freePort } from '../support/bench-platform';

/**
 * `npm run bench:webhooks [-- --events 20000]`: N events fanned out to 2 endpoints on a local receiver (another
 * process), `/fast` answering at once and `/slow` after 2 s, then sent by the real dispatcher (claims on
 * PostgreSQL, deliver() with its SSRF check and kept-alive connections, outcomes recorded in
 * batches). Reports the deliveries per second to the fast endpoint, beside a ceiling measured in the same run:
 * plain POSTs of the same bodies to the same receiver with the same transport (node:http, kept-alive
 * connections, as deliver() has) and the same concurrency, with no database at all. The slow endpoint's deliveries
 * are counted when the fast one is done: the bound per endpoint keeps them from taking the fast one's slots.
 */
async function main() {
  const events = Number(argument('--events') ?? 20_000);
  const perEndpoint = Number(argument('--per-endpoint') ?? 32);
  const directory = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  chmodSync(directory, 0o755);
  const server = await startEmbeddedPostgres(join(directory, 'pg'), await freePort(), 'bench');
  const receiver = fork(join(__dirname, 'receiver.ts'), { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
  try {
    const port = await new Promise<number>((resolve) => receiver.once('message', (message: { port: number }) => resolve(message.port)));
    await migrate(server.url);
    const config = loadConfig({ DATABASE_URL: server.url, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    const app = await NestFactory.createApplicationContext(
      {
        module: class BenchModule {},
        imports: [ConfigModule.forRoot(config), DatabaseModule, ClockModule, CqrsModule.forRoot(), AuditModule, WebhooksModule],
      },
      { logger: false, abortOnError: false },
    );
    const dataSource = app.get(DataSource);
    const commands = app.get(CommandBus);
    const endpoint = (path: string) =>
      commands.execute(
        new CreateWebhookEndpointCommand(
          { url: `http://127.0.0.1:${port}${path}`, eventTypes: ['*'], description: path, enabled: true },
          systemContext('bench'),
        ),
      );
    const fast = await endpoint('/fast');
    await endpoint('/slow');

    // The events as the outbox holds them: an invoice-sized object each.
    const at = new Date();
    const batch = Array.from({ length: events }, (_, n) =>
      domainEvent(
        'account.created',
        'account',
        `acct_${n}`,
        { id: `acct_${n}`, object: 'account', name: `Customer ${n}`, currency: 'USD' } as never,
        at,
      ),
    );
    const fanning = performance.now();
    await dataSource.transaction((manager) => app.get(FanOutWebhooksSubscriber).handle(batch, manager));
    const fanOutMs = performance.now() - fanning;
    await dataSource.query('ANALYZE');

    const ceiling = await plainPosts(port, batch.length, perEndpoint);

    const dispatcher = app.get(WebhookDispatcher);
    const sending = performance.now();
    dispatcher.start({ pollMs: 50, perEndpoint });
    const countOf = async (endpointId: string, status: string): Promise<number> =>
      (
        await dataSource.query(`SELECT count(*)::int AS count FROM webhook_deliveries WHERE endpoint_id = $1 AND status = $2`, [
          endpointId,
          status,
        ])
      )[0].count;
    let progress = { count: 0, at: performance.now() };
    for (let count = 0; count < events; count = await countOf(fast.id, 'succeeded')) {
      if (count > progress.count) progress = { count, at: performance.now() };
      if (performance.now() - progress.at > 15_000) {
        const errors = await dataSource.query(
          `SELECT error, response_status, count(*)::int FROM webhook_attempts GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`,
        );
        throw new Error(`no progress for 15 s at ${count} deliveries: ${JSON.stringify(errors)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sendMs = performance.now() - sending;
    const received = await countsOf(receiver);
    const [slow] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE d.status = 'succeeded')::int AS succeeded FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.description = '/slow'`,
    );
    await dispatcher.stop();
    await app.close();

    const rate = (events / sendMs) * 1000;
    process.stdout.write(
      [
        '',
        `fan-out:        ${events} events to 2 endpoints = ${events * 2} deliveries in ${(fanOutMs / 1000).toFixed(2)} s (one INSERT … SELECT)`,
        `fast endpoint:  ${events} deliveries in ${(sendMs / 1000).toFixed(2)} s = ${rate.toFixed(0)} deliveries/s ` +
          `(${((rate / ceiling) * 100).toFixed(0)}% of the plain POSTs; receiver saw ${received['/fast'] ?? 0})`,
        `plain POSTs:    ${ceiling.toFixed(0)} requests/s (node:http, kept-alive connections, ${perEndpoint} at once, no database)`,
        `slow endpoint:  ${slow.succeeded} delivered meanwhile (answers after 2 s; at most ${perEndpoint} in flight), ${received['/slow'] ?? 0} received`,
        '',
      ].join('\n'),
    );
  } finally {
    receiver.kill();
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The ceiling: `total` POSTs of an event-sized body to `/fast`, `concurrency` at once, on kept-alive connections. */
async function plainPosts(port: number, total: number, concurrency: number): Promise<number> {
  const body = JSON.stringify({
    id: 'evt_x',
    type: 'invoice.paid',
    created_at: new Date().toISOString(),
    data: { object: { id: 'inv_x' } },
  });
  let next = 0;
  const agent = new Agent({ keepAlive: true });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/ceiling', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          response.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await post();
    }),
  );
  agent.destroy();
  return (total / (performance.now() - started)) * 1000;
}

function countsOf(receiver: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    receiver.once('message', (message: { counts: Record<string, number> }) => resolve(message.counts));
    receiver.send('counts');
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
