import { newId } from '@billing/kernel';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { poolOptions } from '../../libs/core/src/persistence/session-limits';

/**
 * The ceilings of bench/api: a bare Fastify server (no Nest, no guard, no validation, no logging) in a
 * process of its own, on a pg pool of the api's size and settings (`poolOptions`), answering JSON like the api:
 * - `GET /read/:id`: the single-row read of `GET /v1/accounts/{id}` (`SELECT … FROM accounts WHERE id = $1`);
 * - `POST /write`: a transaction of three inserts, the rows `POST /v1/accounts` writes (the account, its
 *   `account.created` event, its audit entry), into copies of those tables (`bench_*`, same columns and
 *   indexes), so that the scheduler's outbox relay does not see them.
 */
async function main() {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    ...poolOptions({ connectMs: 5000, statementMs: 5000, lockMs: 2000 }),
  });
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/read/:id', async (request, reply) => {
    const { rows } = await pool.query(
      `SELECT id, name, email, currency, timezone, country, address, tax_exempt, tax_id, external_key, bill_cycle_day,
              net_terms_days, metadata, credit_balance, overdue_state, has_invoices, version, created_at, updated_at
         FROM accounts WHERE id = $1`,
      [request.params.id],
    );
    if (rows.length === 0) return reply.code(404).send({ status: 404 });
    return rows[0];
  });

  app.post<{ Body: { name: string; email: string; currency: string } }>('/write', async (request, reply) => {
    const { name, email, currency } = request.body;
    const now = new Date();
    const account = {
      id: newId('acct'),
      name,
      email,
      currency,
      timezone: 'UTC',
      country: null,
      address: null,
      tax_exempt: false,
      tax_id: null,
      external_key: null,
      bill_cycle_day: null,
      net_terms_days: 0,
      metadata: {},
      credit_balance: 0,
      overdue_state: 'ok',
      created_at: now.toISOString(),
    };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO bench_accounts (id, name, email, currency, timezone, metadata, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [account.id, name, email, currency, 'UTC', '{}', now],
      );
      await client.query(
        `INSERT INTO bench_events (id, type, resource_type, resource_id, data, request_id, created_at)
         VALUES ($1, 'account.created', 'account', $2, $3, $4, $5)`,
        [newId('evt'), account.id, JSON.stringify(account), request.id, now],
      );
      await client.query(
        `INSERT INTO bench_audit_log (id, actor_type, actor_id, actor_role, request_id, action, resource_type, resource_id, before, after, created_at)
         VALUES ($1, 'api_key', 'key_bench', 'super_admin', $2, 'create', 'account', $3, NULL, $4, $5)`,
        [newId('aud'), request.id, account.id, JSON.stringify(account), now],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return reply.code(201).send(account);
  });

  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('message', (message: unknown) => {
    if ((message as { stop?: boolean }).stop)
      void app
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench ceiling server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
