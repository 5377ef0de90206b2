import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { SchedulerProcesses } from './support/scheduler-process';
import { WebhookReceiver } from './support/webhook-receiver';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Endpoint {
  id: string;
  secret: string;
  enabled: boolean;
  disabled_reason: string | null;
}

interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  next_attempt_at: string | null;
  attempts: { attempt: number; attempted_at: string; response_status: number | null; latency_ms: number; response_body: string | null }[];
}

/** Webhooks out to a local receiver (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true), verified with the standardwebhooks library. */
describe('Webhooks out', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  let sequence = 0;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    platform = await startTestPlatform({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    await platform.startScheduler();
    await moveClock('2027-06-01T00:00:00Z');
  });
  afterAll(async () => {
    await platform.close();
    await receiver.close();
  });

  const api = () => request(platform.http);
  const now = async () => new Date((await api().get('/v1/test/clock').set(auth)).body.now as string);
  async function moveClock(iso: string) {
    const response = await api().post('/v1/test/clock').set(auth).send({ now: iso, timeout_seconds: 60 });
    expect(response.body).toMatchObject({ pending_jobs: 0 });
  }
  const settle = async () => moveClock((await now()).toISOString());
  const later = async (ms: number) => moveClock(new Date((await now()).getTime() + ms).toISOString());
  const register = async (path: string, eventTypes: string[] = ['*']): Promise<Endpoint> => {
    const response = await api()
      .post('/v1/webhook-endpoints')
      .set(auth)
      .send({ url: receiver.url(path), event_types: eventTypes });
    expect(response.status).toBe(201);
    return response.body as Endpoint;
  };
  const deliveriesOf = async (endpointId: string) =>
    (await api().get(`/v1/webhook-endpoints/${endpointId}/deliveries`).set(auth)).body.data as Delivery[];
  const createAccount = async () =>
    (
      await api()
        .post('/v1/accounts')
        .set(auth)
        .send({ name: `Hook ${++sequence}`, email: 'hook@x.test', currency: 'USD' })
    ).body as { id: string };
  /** The receiver's messages at `path`, each verified with `secret` (throws otherwise), parsed. */
  const verified = (path: string, secret: string) =>
    receiver.at(path).map(
      (message) =>
        new Webhook(secret).verify(message.body, message.headers as Record<string, string>) as {
          id: string;
          type: string;
          data: { object: { id: string } };
        },
    );

  it('delivers account, subscription, invoice and payment events with the documented body, each verified', async () => {
    const endpoint = await register('/all');
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await api().get(`/v1/webhook-endpoints/${endpoint.id}`).set(auth)).body).not.toHaveProperty('secret');
    const plan = await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: 'hook-plan', name: 'Plan', interval: 'month', prices: [{ currency: 'USD', amount: 4900 }] });
    const account = await createAccount();
    await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa' });
    await api().post('/v1/subscriptions').set(auth).send({ account_id: account.id, plan_code: plan.body.code });
    await settle();

    const messages = verified('/all', endpoint.secret);
    const types = messages.map((message) => message.type);
    for (const type of [
      'account.created',
      'subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'payment.succeeded',
    ]) {
      expect(types).toContain(type);
    }
    // The body is the event as GET /v1/events/{id} shows it: { id, type, created_at, data: { object } }.
    for (const message of messages) {
      const event = await api().get(`/v1/events/${message.id}`).set(auth);
      expect(message).toEqual(event.body);
    }
    const [first] = receiver.at('/all');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['webhook-id']).toBe(messages[0].id);
    expect(Number(first.headers['webhook-timestamp'])).toBeGreaterThan(Date.parse('2026-01-01') / 1000); // wall time, not the test clock
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries).toHaveLength(messages.length);
    expect(deliveries.every((delivery) => delivery.status === 'succeeded' && delivery.attempts.length === 1)).toBe(true);
    await api().delete(`/v1/webhook-endpoints/${endpoint.id}`).set(auth).expect(200);
  });

  it('sends only the event types an endpoint asked for', async () => {
    const endpoint = await register('/accounts-only', ['account.created']);
    await createAccount();
    await settle();
    expect(verified('/accounts-only', endpoint.secret).map((message) => message.type)).toEqual(['account.created']);
  });

  it('retries a receiver answering 500 with the same webhook-id when the test clock passes the next attempt, and logs each attempt', async () => {
    receiver.answer('/flaky', { status: 500 });
    const endpoint = await register('/flaky', ['account.created']);
    await createAccount();
    await settle();
    expect(receiver.at('/flaky')).toHaveLength(1);
    const [pending] = await deliveriesOf(endpoint.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: [{ attempt: 1, response_status: 500, response_body: 'answer 500' }] });
    expect(pending.next_attempt_at).not.toBeNull();

    await moveClock(pending.next_attempt_at!);
    expect(receiver.at('/flaky')).toHaveLength(2);
    receiver.answer('/flaky', { status: 200 });
    await moveClock((await deliveriesOf(endpoint.id))[0].next_attempt_at!);

    const ids = receiver.at('/flaky').map((message) => message.headers['webhook-id']);
    expect(ids).toEqual([pending.event_id, pending.event_id, pending.event_id]);
    expect(verified('/flaky', endpoint.secret)).toHaveLength(3);
    const [delivered] = await deliveriesOf(endpoint.id);
    expect(delivered.status).toBe('succeeded');
    expect(delivered.next_attempt_at).toBeNull();
    expect(delivered.attempts.map((attempt) => attempt.response_status)).toEqual([500, 500, 200]);
    expect(delivered.attempts.every((attempt) => attempt.latency_ms >= 0 && attempt.attempted_at)).toBe(true);
  });

  it('honours Retry-After on 429', async () => {
    receiver.answer('/busy', { status: 429, headers: { 'retry-after': '3600' } });
    const endpoint = await register('/busy', ['account.created']);
    await createAccount();
    await settle();
    const [delivery] = await deliveriesOf(endpoint.id);
    const attempted = Date.parse(delivery.attempts[0].attempted_at);
    expect(Date.parse(delivery.next_attempt_at!) - attempted).toBe(3600 * 1000);
    await later(59 * 60 * 1000);
    expect(receiver.at('/busy')).toHaveLength(1);
  });

  it('disables an endpoint answering 410 at once, with a webhook_endpoint.disabled event', async () => {
    receiver.answer('/gone', { status: 410 });
    const endpoint = await register('/gone');
    const test = await api().post(`/v1/webhook-endpoints/${endpoint.id}/test`).set(auth);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ event_type: 'webhook.test', status: 'pending' });
    await settle();

    expect((await api().get(`/v1/webhook-endpoints/${endpoint.id}`).set(auth)).body).toMatchObject({
      enabled: false,
      disabled_reason: 'gone',
    });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'failed', attempts: [{ response_status: 410 }] });
    const events = (await api().get('/v1/events?type=webhook_endpoint.disabled').set(auth)).body.data;
    expect(events).toEqual([expect.objectContaining({ data: { object: expect.objectContaining({ id: endpoint.id, enabled: false }) } })]);
    // Nothing more is sent to it; retrying its delivery is a conflict until it is enabled again.
    await createAccount();
    await settle();
    expect(receiver.at('/gone')).toHaveLength(1);
    const retry = await api().post(`/v1/webhook-deliveries/${test.body.id}/retry`).set(auth);
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('webhook_endpoint_disabled');
  });

  it('disables an endpoint whose every attempt failed for 5 days', async () => {
    receiver.answer('/down', { status: 503 });
    const endpoint = await register('/down', ['account.created']);
    await createAccount();
    await settle();
    for (let day = 0; day < 6 && (await api().get(`/v1/webhook-endpoints/${endpoint.id}`).set(auth)).body.enabled; day++) {
      await createAccount();
      await later(24 * 3600 * 1000);
    }
    expect((await api().get(`/v1/webhook-endpoints/${endpoint.id}`).set(auth)).body).toMatchObject({
      enabled: false,
      disabled_reason: 'failing',
    });
    expect((await deliveriesOf(endpoint.id)).every((delivery) => delivery.status === 'failed')).toBe(true);
  });

  it('signs with the old and the new secret after a rotation, so either verifies', async () => {
    const endpoint = await register('/rotating', ['account.created']);
    const rotated = await api().post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await createAccount();
    await settle();

    const [message] = receiver.at('/rotating');
    expect(String(message.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified('/rotating', endpoint.secret)).toHaveLength(1);
    expect(verified('/rotating', rotated.body.secret)).toHaveLength(1);
    expect(() => verified('/rotating', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow();
  });

  it('retries a delivery now on request, outside the schedule', async () => {
    receiver.answer('/manual', { status: 500 });
    const endpoint = await register('/manual', ['account.created']);
    await createAccount();
    await settle();
    receiver.answer('/manual', { status: 200 });
    const [delivery] = await deliveriesOf(endpoint.id);
    const retried = await api().post(`/v1/webhook-deliveries/${delivery.id}/retry`).set(auth);
    expect(retried.status).toBe(200);
    await settle();
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({
      status: 'succeeded',
      attempts: [{ response_status: 500 }, { response_status: 200 }],
    });
  });

  it('keeps delivering to other endpoints while one receiver hangs', async () => {
    receiver.answer('/stuck', 'hold');
    const stuck = await register('/stuck', ['account.created']);
    await register('/quick', ['account.created']);
    // More than the attempts one endpoint may have running, and claimed ahead.
    for (let n = 0; n < 70; n++) await createAccount();
    while (receiver.at('/quick').length < 70) await new Promise((resolve) => setTimeout(resolve, 20));

    expect(receiver.at('/stuck').length).toBeLessThanOrEqual(32);
    // Deleting the hanging endpoint drops its deliveries: nothing is left due.
    await api().delete(`/v1/webhook-endpoints/${stuck.id}`).set(auth).expect(200);
    await settle();
  });

  it('answers 422 naming the field for an unknown event type, 404 for an unknown endpoint, 403 to other roles', async () => {
    const unknown = await api()
      .post('/v1/webhook-endpoints')
      .set(auth)
      .send({ url: receiver.url('/x'), event_types: ['invoice.payed'] });
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'event_types[0]' })]);
    expect((await api().get('/v1/webhook-endpoints/we_nope').set(auth)).status).toBe(404);
    const billingAdmin = await platform.keyFor('billing_admin');
    expect((await api().get('/v1/webhook-endpoints').set(billingAdmin)).status).toBe(403);
  });
});

describe('Webhook endpoint URLs (private networks not allowed)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  });
  afterAll(() => platform.close());

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hooks'],
    ['IPv6 loopback', 'http://[::1]/hooks'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['a private address', 'https://10.0.0.1/hooks'],
    ['the unspecified address', 'http://0.0.0.0/hooks'],
    ['a host resolving to a private address', 'http://localhost:8080/hooks'],
    ['ftp', 'ftp://example.com/hooks'],
    ['credentials in the URL', 'https://user:secret@example.com/hooks'],
  ])('refuses %s with 422 on url', async (_, url) => {
    const response = await request(platform.http)
      .post('/v1/webhook-endpoints')
      .set(auth)
      .send({ url, event_types: ['*'] });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('invalid_webhook_endpoint');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('refuses a PATCH to a private URL too', async () => {
    const created = await request(platform.http)
      .post('/v1/webhook-endpoints')
      .set(auth)
      .send({ url: 'https://93.184.215.14/hooks', event_types: ['*'] });
    expect(created.status).toBe(201);
    const patched = await request(platform.http)
      .patch(`/v1/webhook-endpoints/${created.body.id}`)
      .set(auth)
      .send({ url: 'http://10.1.2.3/' });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });
});

describe('Webhook deliveries across a scheduler killed mid-delivery', () => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  let schedulers: SchedulerProcesses;
  const previous = process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;

  beforeAll(async () => {
    // The scheduler processes inherit the environment: they too send to the local receiver.
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
    receiver = await new WebhookReceiver().start();
    platform = await startTestPlatform({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    schedulers = await SchedulerProcesses.prepare(platform);
  });
  afterAll(async () => {
    schedulers.stopAll();
    await platform.close();
    await receiver.close();
    if (previous === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
    else process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = previous;
  });

  it('sends the delivery again, with the same webhook-id, once the claim of the killed scheduler lapses', async () => {
    const api = () => request(platform.http);
    receiver.answer('/hold', 'hold');
    const endpoint = (
      await api()
        .post('/v1/webhook-endpoints')
        .set(auth)
        .send({ url: receiver.url('/hold'), event_types: ['account.created'] })
    ).body as Endpoint;
    await api().post('/v1/accounts').set(auth).send({ name: 'Killed', email: 'k@x.test', currency: 'USD' });

    const first = schedulers.start();
    while (receiver.at('/hold').length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await schedulers.kill(first);
    receiver.answer('/hold', { status: 200 });
    schedulers.start();
    const now = (await api().get('/v1/test/clock').set(auth)).body.now as string;
    const settled = await api().post('/v1/test/clock').set(auth).send({ now, timeout_seconds: 100 });
    expect(settled.body).toMatchObject({ pending_jobs: 0 });

    const messages = receiver.at('/hold');
    expect(messages).toHaveLength(2);
    expect(messages[1].headers['webhook-id']).toBe(messages[0].headers['webhook-id']);
    expect(new Webhook(endpoint.secret).verify(messages[1].body, messages[1].headers as Record<string, string>)).toMatchObject({
      type: 'account.created',
    });
    const [delivery] = (await api().get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`).set(auth)).body.data as Delivery[];
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: [{ attempt: 1, response_status: 200 }] });
  }, 150_000);
});
