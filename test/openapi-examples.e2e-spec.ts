import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
}

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: Schema; example?: unknown }> };
}

/**
 * The body Swagger UI's "Try it out" composes from the document (a schema's own example, else each property's,
 * else a placeholder of its type: "string", 0, true, an enum's first value), as a person pressing "Execute"
 * would send it.
 */
function composeExample(schema: Schema, components: Record<string, Schema>): unknown {
  if (schema.$ref) return composeExample(components[schema.$ref.replace('#/components/schemas/', '')], components);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) {
    // Swagger UI merges the parts: objects into one object; a lone part (a named enum beside a description) as it is.
    const parts = schema.allOf.map((part) => composeExample(part, components));
    return parts.length === 1 ? parts[0] : Object.assign({}, ...parts);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return composeExample(alternatives[0], components);
  if (schema.enum) return schema.enum[0];
  if (schema.properties)
    return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, composeExample(property, components)]));
  switch (schema.type) {
    case 'array':
      return [composeExample(schema.items ?? {}, components)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'string':
      return schema.format === 'date-time' ? new Date().toISOString() : 'string';
    default:
      return {};
  }
}

/** Ids and codes of resources made for the examples, by the field or path parameter that names them. */
interface Made {
  fields: Record<string, unknown>;
  params: Record<string, string>;
}

/**
 * Every request example of the OpenAPI document works: the body Swagger UI composes from it is sent as a person
 * pressing "Execute" would, after putting in the ids of resources of their own (the only edit they would make),
 * and answers 2xx. The operations run in the order below, each on resources made for it.
 */
describe('OpenAPI request examples', () => {
  let platform: TestPlatform;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let sequence = 0;
  let receiver: Server;
  const api = () => request(platform.http);
  const receiverUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;

  beforeAll(async () => {
    // Webhook endpoints get this test's own address (as a person puts in theirs): a private one, allowed here.
    platform = await startTestPlatform({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    await platform.startScheduler();
    receiver = createServer((request, response) => request.resume().on('end', () => response.writeHead(204).end()));
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    await api().post('/v1/test/clock').set(auth).send({ now: '2027-01-10T00:00:00Z' }).expect(200);
    document = (await api().get('/docs-json')).body;
  });
  afterAll(async () => {
    receiver.close();
    await platform.close();
  });

  const post = async (path: string, body: object) => (await api().post(path).set(auth).send(body).expect(201)).body;
  const settle = async () =>
    api()
      .post('/v1/test/clock')
      .set(auth)
      .send({ now: (await api().get('/v1/test/clock').set(auth)).body.now });
  /** An account (with a card that pays, or none), subscribed to a plan of its own that charges `api_calls`; its first invoice. */
  async function customer(card?: string) {
    const code = `example-plan-${++sequence}`;
    const plan = await post('/v1/plans', {
      code,
      name: 'Example',
      interval: 'month',
      prices: [{ currency: 'USD', amount: 5000 }],
      charges: [{ metric_code: 'api_calls', model: 'per_unit', prices: [{ currency: 'USD', unit_amount: '0.05' }] }],
    });
    const account = await post('/v1/accounts', { name: 'Example', email: 'e@example.test', currency: 'USD' });
    if (card) await post(`/v1/accounts/${account.id}/payment-methods`, { provider_token: card });
    const subscription = await post('/v1/subscriptions', { account_id: account.id, plan_id: plan.id });
    await settle();
    const [invoice] = (await api().get(`/v1/invoices?account_id=${account.id}`).set(auth)).body.data;
    const now = (await api().get('/v1/test/clock').set(auth)).body.now;
    return { plan, account, subscription, invoice, now };
  }
  const forSubscription = async (paused = false): Promise<Made> => {
    const { account, subscription, invoice, now } = await customer('pm_card_visa');
    if (paused) await api().post(`/v1/subscriptions/${subscription.id}/pause`).set(auth).send({ timing: 'immediate' }).expect(200);
    const other = await post('/v1/plans', {
      code: `example-other-${++sequence}`,
      name: 'Other',
      interval: 'month',
      prices: [{ currency: 'USD', amount: 9000 }],
    });
    return {
      fields: {
        account_id: account.id,
        subscription_id: subscription.id,
        invoice_id: invoice.id,
        plan_id: other.id,
        plan_code: other.code,
        timestamp: now,
      },
      params: { id: subscription.id },
    };
  };
  const forEndpoint = async (): Promise<Made> => {
    const endpoint = await post('/v1/webhook-endpoints', { url: receiverUrl(), event_types: ['*'] });
    return { fields: { url: receiverUrl() }, params: { id: endpoint.id } };
  };
  const forInvoice = async (card?: string): Promise<Made> => {
    const { account, invoice } = await customer(card);
    return { fields: { invoice_id: invoice.id, account_id: account.id }, params: { id: invoice.id } };
  };

  /** How to make what each operation's example names; every operation with a JSON body is here. */
  const PREPARE: Record<string, () => Promise<Made>> = {
    createMetric: async () => ({ fields: {}, params: {} }),
    createPlan: async () => ({ fields: {}, params: {} }),
    updatePlan: async () => ({ fields: {}, params: { id_or_code: 'pro_monthly' } }),
    createAccount: async () => ({ fields: {}, params: {} }),
    // external_key is unique: the account of createAccount's example holds the example's own.
    updateAccount: async () => ({
      fields: { external_key: `crm-${++sequence}` },
      params: { id: (await post('/v1/accounts', { name: 'A', email: 'a@example.test', currency: 'USD' })).id },
    }),
    createTaxRate: async () => ({ fields: {}, params: {} }),
    updateTaxRate: async () => ({
      fields: {},
      params: { id: (await post('/v1/tax-rates', { name: 'Other', percentage: '10.0', country: 'IT' })).id },
    }),
    createApiKey: async () => ({ fields: {}, params: {} }),
    updateDunningPolicy: async () => ({ fields: {}, params: {} }),
    createSubscription: async () => {
      const { account, plan } = await customer();
      return { fields: { account_id: account.id, plan_id: plan.id, plan_code: plan.code, start_at: undefined }, params: {} };
    },
    changeSubscription: () => forSubscription(),
    cancelSubscription: () => forSubscription(),
    pauseSubscription: () => forSubscription(),
    resumeSubscription: () => forSubscription(true),
    ingestUsage: () => forSubscription(),
    previewInvoice: () => forSubscription(),
    voidInvoice: () => forInvoice(),
    markInvoiceUncollectible: () => forInvoice(),
    payInvoice: () => forInvoice(),
    createCreditNote: () => forInvoice('pm_card_visa'),
    refundPayment: async () => {
      const { invoice } = await customer('pm_card_visa');
      const [payment] = (await api().get(`/v1/payments?invoice_id=${invoice.id}`).set(auth)).body.data;
      return { fields: {}, params: { id: payment.id } };
    },
    attachPaymentMethod: async () => ({
      fields: {},
      params: { accountId: (await post('/v1/accounts', { name: 'A', email: 'a@example.test', currency: 'USD' })).id },
    }),
    rebuildAnalytics: async () => ({ fields: {}, params: {} }),
    createWebhookEndpoint: async () => ({ fields: { url: receiverUrl() }, params: {} }),
    updateWebhookEndpoint: forEndpoint,
    rotateWebhookSecret: forEndpoint,
    sendTestWebhook: forEndpoint,
    retryWebhookDelivery: async () => {
      const { params } = await forEndpoint();
      await api().post(`/v1/webhook-endpoints/${params.id}/test`).set(auth).send({}).expect(200);
      const [delivery] = (await api().get(`/v1/webhook-endpoints/${params.id}/deliveries`).set(auth)).body.data;
      return { fields: {}, params: { id: delivery.id } };
    },
    advanceTestClock: async () => ({ fields: {}, params: {} }),
  };
  /** Answered by a signature, not an example: Stripe signs its own deliveries. */
  const NOT_BY_EXAMPLE = new Set(['receiveStripeWebhook']);

  it('answers 2xx to the example of every operation with a request body', async () => {
    const failures: string[] = [];
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.requestBody?.content['application/json'])
        .map(([method, operation]) => ({ path, method, operation })),
    );
    const order = Object.keys(PREPARE);
    const unknown = operations.filter(
      ({ operation }) => !order.includes(operation.operationId) && !NOT_BY_EXAMPLE.has(operation.operationId),
    );
    expect(unknown.map(({ operation }) => operation.operationId)).toEqual([]);
    operations.sort((a, b) => order.indexOf(a.operation.operationId) - order.indexOf(b.operation.operationId));
    for (const { path, method, operation } of operations) {
      if (NOT_BY_EXAMPLE.has(operation.operationId)) continue;
      const content = operation.requestBody!.content['application/json'];
      const made = await PREPARE[operation.operationId]();
      const body = withIds(content.example ?? composeExample(content.schema, document.components.schemas), made.fields);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => made.params[name] ?? name);
      const agent = api();
      const sent = method === 'put' ? agent.put(url) : method === 'patch' ? agent.patch(url) : agent.post(url);
      const response = await sent.set(auth).send(body as object);
      if (response.status >= 300)
        failures.push(
          `${operation.operationId} ${response.status} ${JSON.stringify(body)} → ${JSON.stringify(response.body.errors ?? response.body.detail)}`,
        );
    }
    expect(failures).toEqual([]);
  });
});

/** `body` with the values of the fields in `ids` put in wherever those fields appear (undefined removes one). */
function withIds(body: unknown, ids: Record<string, unknown>): unknown {
  if (Array.isArray(body)) return body.map((item) => withIds(item, ids));
  if (body === null || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body)
      .map(([key, value]) => [key, key in ids ? ids[key] : withIds(value, ids)])
      .filter(([, value]) => value !== undefined),
  );
}
