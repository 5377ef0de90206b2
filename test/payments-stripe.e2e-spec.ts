import {
  StripeObject,
  StripeServer,
  startStripeServer,
  startTestPlatform,
  stripeSignatureHeader,
  TEST_BOOTSTRAP_KEY,
  TestPlatform,
} from '@billing/testing';
import request from 'supertest';
import { sample } from './support/prometheus-text';
import { billingApi, Payment } from './support/billing-api';
import { SchedulerProcesses, waitFor } from './support/scheduler-process';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const WEBHOOK_SECRET = 'whsec_test_local_stripe_server_0123456789';
const CREATE_INTENT = 'POST /v1/payment_intents' as const;

/** The PaymentIntents the local Stripe holds for one of our payments (its metadata names it). */
function intentsOf(server: StripeServer, paymentId: string): StripeObject[] {
  return [...server.store.paymentIntents.values()].filter(
    (intent) => (intent.metadata as Record<string, string> | undefined)?.payment_id === paymentId,
  );
}

async function createPlan(platform: TestPlatform) {
  const response = await request(platform.http)
    .post('/v1/plans')
    .set(auth)
    .send({ code: 'stripe-plan', name: 'Plan', interval: 'month', prices: [{ currency: 'USD', amount: 4900 }] });
  expect(response.status).toBe(201);
}

const stripeEnv = (server: StripeServer) => ({
  STRIPE_SECRET_KEY: server.secretKey,
  STRIPE_API_BASE: server.url,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
});

/** Payments through the real Stripe SDK against the local Stripe server, in billing-time order (the clock only moves forward). */
describe('Payments through the Stripe SDK', () => {
  let server: StripeServer;
  let platform: TestPlatform;
  const { api, clockNow, moveClock, settle, customer, subscribe, invoice, paymentsOf, eventTypes } = billingApi(
    () => platform,
    'stripe-plan',
  );

  /** Posts `payload` to /webhooks/stripe as Stripe would, signed with `secret` at `timestamp` unless told otherwise. */
  const deliver = (payload: string, options: { signature?: string | null; timestamp?: number; secret?: string } = {}) => {
    const call = api().post('/webhooks/stripe').set('Content-Type', 'application/json; charset=utf-8').set('User-Agent', 'Stripe/1.0');
    const signature =
      options.signature === undefined
        ? stripeSignatureHeader(payload, options.secret ?? WEBHOOK_SECRET, options.timestamp)
        : options.signature;
    if (signature !== null) void call.set('Stripe-Signature', signature);
    return call.send(payload);
  };
  const eventPayload = (type: string, object: StripeObject) => JSON.stringify(server.event(type, object), null, 2);

  /** An account whose first charge never got an answer (every attempt's connection dropped after Stripe charged): `unknown`. */
  const unansweredCharge = async () => {
    const account = await customer('pm_card_visa');
    server.dropNext(CREATE_INTENT, 3); // the first attempt and the SDK's two retries
    const opened = await subscribe(account.id);
    const [payment] = await paymentsOf(opened.id);
    expect(payment).toMatchObject({ status: 'unknown', provider: 'stripe' });
    expect(await invoice(opened.id)).toMatchObject({ status: 'open', amount_remaining: 4900 });
    const [intent] = intentsOf(server, payment.id);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 4900 });
    return { invoice: opened, payment, intent };
  };

  beforeAll(async () => {
    server = await startStripeServer();
    platform = await startTestPlatform(stripeEnv(server));
    await platform.startScheduler();
    await moveClock(new Date('2027-05-01T00:00:00Z'));
    await createPlan(platform);
  });
  afterAll(async () => {
    await platform.close();
    await server.close();
  });

  describe('charging', () => {
    it("pays a pm_card_visa account's first invoice at subscription through a PaymentIntent, with payment.succeeded and invoice.paid", async () => {
      const account = await customer('pm_card_visa');
      const methods = (await api().get(`/v1/accounts/${account.id}/payment-methods`).set(auth)).body.data;
      expect(methods).toEqual([expect.objectContaining({ brand: 'visa', last4: '4242', default: true })]);

      const paid = await subscribe(account.id);

      expect(paid).toMatchObject({ status: 'paid', amount_paid: 4900, amount_remaining: 0 });
      const [payment] = await paymentsOf(paid.id);
      const intents = intentsOf(server, payment.id);
      expect(intents).toEqual([expect.objectContaining({ status: 'succeeded', amount: 4900, currency: 'usd' })]);
      expect(intents[0].metadata).toEqual({ payment_id: payment.id, invoice_id: paid.id });
      expect(payment).toMatchObject({ status: 'succeeded', provider: 'stripe', provider_payment_id: intents[0].id, attempt: 1 });
      expect(await eventTypes(payment.id)).toEqual(['payment.succeeded']);
      expect(await eventTypes(paid.id)).toContain('invoice.paid');
    });

    it("leaves the invoice open with a failed payment carrying Stripe's code when the card is declined", async () => {
      const account = await customer('pm_card_chargeDeclinedInsufficientFunds');

      const opened = await subscribe(account.id);

      expect(opened).toMatchObject({ status: 'open', amount_paid: 0, amount_remaining: 4900 });
      const [payment] = await paymentsOf(opened.id);
      expect(payment).toMatchObject({ status: 'failed', provider: 'stripe', failure_code: 'insufficient_funds', attempt: 1 });
      expect(await eventTypes(payment.id)).toEqual(['payment.failed']);
      expect(await eventTypes(opened.id)).toContain('invoice.payment_failed');
    });

    it("settles a charge whose answer was lost (connection dropped after Stripe charged) through the SDK's retry: one PaymentIntent", async () => {
      const account = await customer('pm_card_visa');
      server.dropNext(CREATE_INTENT, 1);

      const paid = await subscribe(account.id);

      expect(paid.status).toBe('paid');
      const [payment] = await paymentsOf(paid.id);
      expect(payment.status).toBe('succeeded');
      expect(intentsOf(server, payment.id)).toHaveLength(1);
      const sent = server.requestsTo(CREATE_INTENT).filter((sentRequest) => sentRequest.idempotencyKey === `payment_${payment.id}`);
      expect(sent.map((sentRequest) => [sentRequest.outcome, sentRequest.replayed])).toEqual([
        ['dropped', false],
        [200, true],
      ]);
    });

    it('leaves a charge whose every attempt was dropped unknown, then reconciliation (5+ minutes on) settles it: one PaymentIntent, paid', async () => {
      const { invoice: opened, payment, intent } = await unansweredCharge();

      await moveClock(new Date((await clockNow()).getTime() + 6 * 60_000));

      expect(await paymentsOf(opened.id)).toEqual([
        expect.objectContaining({ id: payment.id, status: 'succeeded', provider_payment_id: intent.id }),
      ]);
      expect(await invoice(opened.id)).toMatchObject({ status: 'paid', amount_remaining: 0 });
      expect(intentsOf(server, payment.id)).toHaveLength(1);
      expect(await eventTypes(payment.id)).toEqual(['payment.succeeded']);
    });

    it('makes one charge when 20 concurrent /pay calls race the collection of a newly attached card', async () => {
      const account = await customer();
      const opened = await subscribe(account.id);
      expect(opened.status).toBe('open');
      const chargesBefore = server.requestsTo(CREATE_INTENT).length;

      const [attached, ...answers] = await Promise.all([
        api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa' }),
        ...Array.from({ length: 20 }, () => api().post(`/v1/invoices/${opened.id}/pay`).set(auth).send({})),
      ]);

      expect(attached.status).toBe(201);
      expect(answers.every((answer) => [200, 409, 422].includes(answer.status))).toBe(true);
      const payments = await paymentsOf(opened.id);
      expect(payments).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      // One PaymentIntent created; a concurrent /pay may send the same attempt again, which Stripe replays.
      expect(
        server
          .requestsTo(CREATE_INTENT)
          .slice(chargesBefore)
          .filter((sent) => !sent.replayed),
      ).toHaveLength(1);
      expect(intentsOf(server, payments[0].id)).toHaveLength(1);
      expect(await invoice(opened.id)).toMatchObject({ status: 'paid' });
    });

    it('sent an Idempotency-Key derived from our ids with every POST Stripe received (customers, attachments, charges, refunds)', async () => {
      const account = await customer('pm_card_visa');
      const [payment] = await paymentsOf((await subscribe(account.id)).id);
      expect((await api().post(`/v1/payments/${payment.id}/refund`).set(auth).send({ amount: 100 })).status).toBe(200);

      const posts = server.requests.filter((sent) => sent.method === 'POST');
      expect(new Set(posts.map((sent) => sent.endpoint))).toEqual(
        new Set(['POST /v1/customers', 'POST /v1/payment_methods/:id/attach', CREATE_INTENT, 'POST /v1/refunds']),
      );
      expect(posts.filter((sent) => !/^[a-z_]+_\S+$/.test(sent.idempotencyKey ?? ''))).toEqual([]);
      expect(posts.filter((sent) => sent.endpoint === CREATE_INTENT).every((sent) => sent.idempotencyKey!.startsWith('payment_pay_'))).toBe(
        true,
      );
    });
  });

  describe('POST /webhooks/stripe', () => {
    it('settles an unknown payment from payment_intent.succeeded, and refuses a tampered, unsigned or stale delivery with 400, changing nothing', async () => {
      const { invoice: opened, payment, intent } = await unansweredCharge();
      const payload = eventPayload('payment_intent.succeeded', intent);

      const tampered = await deliver(payload.replace('"amount": 4900', '"amount": 1'), {
        signature: stripeSignatureHeader(payload, WEBHOOK_SECRET),
      });
      const unsigned = await deliver(payload, { signature: null });
      const wrongSecret = await deliver(payload, { secret: 'whsec_someone_else' });
      const stale = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });

      expect([tampered, unsigned, wrongSecret, stale].map((answer) => [answer.status, answer.body.code])).toEqual([
        [400, 'invalid_signature'],
        [400, 'missing_signature'],
        [400, 'invalid_signature'],
        [400, 'stale_signature'],
      ]);
      for (const answer of [tampered, unsigned, wrongSecret, stale])
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await paymentsOf(opened.id))[0].status).toBe('unknown');
      expect((await invoice(opened.id)).status).toBe('open');

      const valid = await deliver(payload);

      expect(valid.status).toBe(200);
      expect(valid.body).toMatchObject({ received: true, type: 'payment_intent.succeeded', duplicate: false });
      expect(await paymentsOf(opened.id)).toEqual([
        expect.objectContaining({ id: payment.id, status: 'succeeded', provider_payment_id: intent.id }),
      ]);
      expect(await invoice(opened.id)).toMatchObject({ status: 'paid', amount_remaining: 0 });
      expect(intentsOf(server, payment.id)).toHaveLength(1);
    });

    it('processes an event delivered twice once: the second answers 200 duplicate and changes nothing', async () => {
      const { invoice: opened, payment, intent } = await unansweredCharge();
      const payload = eventPayload('payment_intent.succeeded', intent);

      const first = await deliver(payload);
      const again = await deliver(payload);

      expect([first.status, first.body.duplicate]).toEqual([200, false]);
      expect([again.status, again.body.duplicate]).toEqual([200, true]);
      expect(again.body.id).toBe(first.body.id);
      expect((await paymentsOf(opened.id)).map((each) => each.status)).toEqual(['succeeded']);
      await settle();
      expect(await eventTypes(payment.id)).toEqual(['payment.succeeded']);
      expect((await eventTypes(opened.id)).filter((type) => type === 'invoice.paid')).toHaveLength(1);
    });

    it('keeps a succeeded payment succeeded when payment_intent.payment_failed arrives after it', async () => {
      const account = await customer('pm_card_visa');
      const paid = await subscribe(account.id);
      const [payment] = await paymentsOf(paid.id);
      const [intent] = intentsOf(server, payment.id);
      const failedIntent = {
        ...intent,
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
        },
      };

      const late = await deliver(eventPayload('payment_intent.payment_failed', failedIntent));

      expect(late.status).toBe(200);
      expect(late.body.duplicate).toBe(false);
      expect(await paymentsOf(paid.id)).toEqual([expect.objectContaining({ id: payment.id, status: 'succeeded', failure_code: null })]);
      expect(await invoice(paid.id)).toMatchObject({ status: 'paid', amount_remaining: 0 });
      await settle();
      expect(await eventTypes(payment.id)).toEqual(['payment.succeeded']);
      expect(await eventTypes(paid.id)).not.toContain('invoice.payment_failed');
    });

    it('fails an unknown payment from payment_intent.payment_failed with the code in the event', async () => {
      const { invoice: opened, payment, intent } = await unansweredCharge();
      const failedIntent = {
        ...intent,
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      };

      const answer = await deliver(eventPayload('payment_intent.payment_failed', failedIntent));

      expect(answer.status).toBe(200);
      expect(await paymentsOf(opened.id)).toEqual([
        expect.objectContaining({ id: payment.id, status: 'failed', failure_code: 'insufficient_funds' }),
      ]);
      expect(await invoice(opened.id)).toMatchObject({ status: 'open', amount_remaining: 4900 });
    });

    it('acknowledges charge.refunded, types it does not use, and PaymentIntents that are not ours with 200, changing nothing', async () => {
      const account = await customer('pm_card_visa');
      const paid = await subscribe(account.id);
      const [payment] = await paymentsOf(paid.id);
      const [intent] = intentsOf(server, payment.id);
      const foreign = { ...intent, id: 'pi_not_ours', status: 'requires_payment_method', metadata: {} };

      const answers = [
        await deliver(eventPayload('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: intent.id, amount_refunded: 4900 })),
        await deliver(eventPayload('customer.created', { id: 'cus_1', object: 'customer' })),
        await deliver(eventPayload('payment_intent.payment_failed', foreign)),
      ];

      expect(answers.map((answer) => [answer.status, answer.body.duplicate])).toEqual([
        [200, false],
        [200, false],
        [200, false],
      ]);
      expect(await paymentsOf(paid.id)).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      expect((await api().get(`/v1/payments/${payment.id}`).set(auth)).body.refunded_amount).toBe(0);
    });

    it('acknowledges the success of a declined attempt after another attempt paid the invoice, leaving the invoice paid once', async () => {
      const account = await customer('pm_card_chargeDeclined');
      const opened = await subscribe(account.id);
      const [declined] = await paymentsOf(opened.id);
      // The new default card pays the open invoice at once (attempt 2).
      await api().post(`/v1/accounts/${account.id}/payment-methods`).set(auth).send({ provider_token: 'pm_card_visa', default: true });
      expect(await invoice(opened.id)).toMatchObject({ status: 'paid' });
      const [intent] = intentsOf(server, declined.id);

      // The customer completed the declined PaymentIntent later (on-session): Stripe says it succeeded.
      const late = await deliver(eventPayload('payment_intent.succeeded', { ...intent, status: 'succeeded', last_payment_error: null }));

      expect(late.status).toBe(200);
      expect((await paymentsOf(opened.id)).map((payment) => [payment.attempt, payment.status])).toEqual([
        [1, 'failed'],
        [2, 'succeeded'],
      ]);
      expect(await invoice(opened.id)).toMatchObject({ status: 'paid', amount_paid: 4900, amount_remaining: 0 });
    });

    it('answers a signed body that is not JSON, or not an event, with 400 problem+json', async () => {
      const notJson = await deliver('{"id": "evt_1", ');
      const notEvent = await deliver('{"hello": "world"}');

      expect([notJson.status, notJson.body.code]).toEqual([400, 'malformed_json']);
      expect([notEvent.status, notEvent.body.code]).toEqual([400, 'malformed_event']);
    });

    it('needs no API credential and is not rate limited: 60 deliveries in a row all answer', async () => {
      const answers = [];
      for (let index = 0; index < 60; index++)
        answers.push(await deliver(eventPayload('customer.updated', { id: `cus_${index}`, object: 'customer' })));
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 60 }, () => 200));
      expect(answers.every((answer) => answer.headers['ratelimit-limit'] === undefined)).toBe(true);
    });
  });

  it('counts succeeded and failed charge attempts in payments_attempted_total{status}, from the database', async () => {
    const count = async (status: string) =>
      ((await api().get(`/v1/payments?status=${status}&limit=100`).set(auth)).body.data as Payment[]).filter(
        (payment) => payment.provider !== 'manual',
      ).length;
    const [succeeded, failed] = [await count('succeeded'), await count('failed')];
    expect(succeeded).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);

    // The api reads the counts in the background every 10 s (never at scrape time): wait for a refresh.
    const counted = async () => {
      const text = (await api().get('/metrics')).text;
      return [
        sample(text, 'payments_attempted_total', { status: 'succeeded' }),
        sample(text, 'payments_attempted_total', { status: 'failed' }),
      ];
    };
    await waitFor(async () => (await counted()).join() === [succeeded, failed].join(), 20_000).catch(() => undefined);
    expect(await counted()).toEqual([succeeded, failed]);
  });
});

/**
 * Kill Bill's crash window: the scheduler, as a process of its own, has sent the charge (Stripe made it) and is
 * killed with SIGKILL before it hears the answer or commits anything: the payment is left `pending`. A new
 * scheduler settles it with the same key (the saga's redelivery or reconciliation), never with a second charge.
 */
describe('Payments through the Stripe SDK, after a SIGKILL of the scheduler between the charge and its commit', () => {
  let server: StripeServer;
  let platform: TestPlatform;
  let schedulers: SchedulerProcesses;
  const saved: Record<string, string | undefined> = {};
  const { clockNow, moveClock, customer, startSubscription, invoiceOf, invoice, paymentsOf, eventTypes } = billingApi(
    () => platform,
    'stripe-plan',
  );

  beforeAll(async () => {
    server = await startStripeServer();
    platform = await startTestPlatform(stripeEnv(server));
    schedulers = await SchedulerProcesses.prepare(platform);
    // The scheduler process takes its environment from this one's (test/support/scheduler-process.ts).
    for (const [name, value] of Object.entries(stripeEnv(server))) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    await createPlan(platform);
  });
  afterAll(async () => {
    schedulers.stopAll();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await platform.close();
    await server.close();
  });

  it('ends with exactly one PaymentIntent at Stripe and one succeeded payment', async () => {
    const first = schedulers.start();
    await moveClock(new Date('2027-05-01T00:00:00Z'));
    const account = await customer('pm_card_visa');
    // Stripe charges at once and answers 3 s later: the scheduler is killed while it waits.
    server.delayNext(CREATE_INTENT, 3_000);

    await startSubscription(account.id);
    await waitFor(async () => server.requestsTo(CREATE_INTENT).length > 0, 60_000);
    await schedulers.kill(first);

    const opened = (await invoiceOf(account.id))!;
    const [pending] = await paymentsOf(opened.id);
    expect(pending).toMatchObject({ status: 'pending', provider_payment_id: null });
    expect(intentsOf(server, pending.id)).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect((await invoice(opened.id)).status).toBe('open');

    // Stripe's answer goes nowhere (the socket died with the process); from now on its key answers the stored result.
    await waitFor(async () => server.requestsTo(CREATE_INTENT)[0].outcome !== undefined, 30_000);
    await platform.startScheduler();
    await moveClock(new Date((await clockNow()).getTime() + 6 * 60_000));

    const payments = await paymentsOf(opened.id);
    expect(payments).toEqual([expect.objectContaining({ id: pending.id, status: 'succeeded', attempt: 1 })]);
    expect(intentsOf(server, pending.id)).toHaveLength(1);
    expect(server.store.paymentIntents.size).toBe(1);
    expect(payments[0].provider_payment_id).toBe(intentsOf(server, pending.id)[0].id);
    expect(await invoice(opened.id)).toMatchObject({ status: 'paid', amount_remaining: 0 });
    expect(await eventTypes(pending.id)).toEqual(['payment.succeeded']);
  }, 180_000);
});
