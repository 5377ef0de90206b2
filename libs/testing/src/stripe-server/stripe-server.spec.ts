import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeServer, StripeServer } from './stripe-server';

/**
 * The server on the wire, without the SDK: Stripe's idempotency, error format and refusals. The payments lib's
 * tests drive it through the real SDK.
 */
describe(startStripeServer.name, () => {
  let server: StripeServer;
  beforeAll(async () => {
    server = await startStripeServer();
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  const post = (path: string, body: string, key?: string, secretKey = server.secretKey) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${secretKey}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(key ? { 'Idempotency-Key': key } : {}),
      },
      body,
    });

  it('answers the stored result to the same key and parameters, marked as a replay', async () => {
    const first = await post('/v1/customers', 'name=Acme&metadata[account_id]=acct_1', 'customer_acct_1');
    const again = await post('/v1/customers', 'name=Acme&metadata[account_id]=acct_1', 'customer_acct_1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(server.store.customers.size).toBe(1);
    expect(server.requests.map((request) => request.replayed)).toEqual([false, true]);
  });

  it('refuses the same key with other parameters or on another endpoint: 400 idempotency_error', async () => {
    await post('/v1/customers', 'name=Acme', 'key_1');
    for (const [path, body] of [
      ['/v1/customers', 'name=Other'],
      ['/v1/refunds', 'payment_intent=pi_1'],
    ]) {
      const reused = await post(path, body, 'key_1');
      expect(reused.status).toBe(400);
      expect(await reused.json()).toEqual({ error: { type: 'idempotency_error', message: expect.stringContaining("other than 'key_1'") } });
    }
    expect(server.store.customers.size).toBe(1);
  });

  it('answers 409 while the first request with the key is still being answered', async () => {
    server.delayNext('POST /v1/customers', 500);
    const first = post('/v1/customers', 'name=Acme', 'key_slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const concurrent = await post('/v1/customers', 'name=Acme', 'key_slow');
    expect(concurrent.status).toBe(409);
    expect(await concurrent.json()).toMatchObject({ error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } });
    expect((await first).status).toBe(200);
    expect((await post('/v1/customers', 'name=Acme', 'key_slow')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('stores nothing for an injected 500, so the retry runs', async () => {
    server.failNext('POST /v1/customers');
    expect((await post('/v1/customers', 'name=Acme', 'key_500')).status).toBe(500);
    const retried = await post('/v1/customers', 'name=Acme', 'key_500');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('stores a card error like any answer: the same key declines again without a second PaymentIntent', async () => {
    const customer = (await (await post('/v1/customers', 'name=Acme', 'c')).json()) as { id: string };
    const body = `amount=100&currency=usd&customer=${customer.id}&payment_method=pm_card_chargeDeclined&confirm=true&off_session=true`;
    const first = await post('/v1/payment_intents', body, 'p');
    const again = await post('/v1/payment_intents', body, 'p');
    expect(first.status).toBe(402);
    expect(await again.json()).toEqual(await first.json());
    expect(server.store.paymentIntents.size).toBe(1);
  });

  it.each([
    [
      'an endpoint the payments lib does not use',
      '/v1/charges',
      'amount=1',
      (server) => server.secretKey,
      404,
      'Unrecognized request URL (POST: /v1/charges)',
    ],
    ['no secret key', '/v1/customers', 'name=Acme', () => 'pk_test_publishable', 401, 'Invalid API Key'],
    [
      'a missing parameter',
      '/v1/payment_intents',
      'currency=usd&confirm=true',
      (server) => server.secretKey,
      400,
      'Missing required param: amount.',
    ],
  ] as [string, string, string, (server: StripeServer) => string, number, string][])(
    'answers %s as Stripe does',
    async (_, path, body, key, status, message) => {
      const response = await post(path, body, 'k', key(server));
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        error: expect.objectContaining({ type: 'invalid_request_error', message: expect.stringContaining(message) }),
      });
    },
  );

  describe('webhooks', () => {
    let receiver: Server;
    let received: { signature: string; body: string }[];
    let url: string;
    const secret = 'whsec_local_0123456789';

    beforeAll(async () => {
      receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const body = Buffer.concat(chunks);
          received.push({ signature: String(request.headers['stripe-signature']), body: body.toString() });
          try {
            Stripe.webhooks.constructEvent(body, String(request.headers['stripe-signature']), secret);
            response.writeHead(200).end('ok');
          } catch {
            response.writeHead(400).end('bad signature');
          }
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
    });
    beforeEach(() => {
      received = [];
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('sends an event signed as Stripe signs it, which the SDK verifies', async () => {
      const event = server.event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', status: 'succeeded' });
      const delivery = await server.sendWebhook(url, event, { secret });
      expect(delivery.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0].signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(JSON.parse(received[0].body)).toEqual(event);
      expect(event).toMatchObject({
        id: expect.stringMatching(/^evt_/),
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_1' } },
      });
    });

    it('signs with another secret or an old timestamp when told, which the SDK refuses', async () => {
      const event = server.event('charge.refunded', { id: 'ch_1', object: 'charge' });
      expect((await server.sendWebhook(url, event, { secret: 'whsec_other' })).status).toBe(400);
      expect((await server.sendWebhook(url, event, { secret, timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(400);
    });
  });
});
