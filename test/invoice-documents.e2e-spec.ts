import { readPdf, startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };
const BUYER = 'Łódź Sp. z o.o. / 株式会社テスト';

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/** An issued invoice is a document: it prints what it was issued with, byte for byte, whatever changes later. */
describe('Invoice and credit note documents', () => {
  let platform: TestPlatform;
  let later: TestPlatform | undefined;

  beforeAll(async () => {
    platform = await startTestPlatform({ SELLER_NAME: 'Verkäufer GmbH', SELLER_TAX_ID: 'DE123456789', SELLER_COUNTRY: 'DE' });
    await platform.startScheduler();
  });
  afterAll(async () => {
    await later?.close();
    await platform.close();
  });

  const pdf = async (http: TestPlatform['http'], path: string) => {
    const response = await request(http).get(path).set(auth).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    return response;
  };

  it('keeps an issued invoice byte-identical after the account, the seller settings and the tax rate change', async () => {
    const api = () => request(platform.http);
    const rate = await api().post('/v1/tax-rates').set(auth).send({ name: 'TVA', percentage: '20.0', country: 'FR' });
    await api()
      .post('/v1/plans')
      .set(auth)
      .send({ code: 'doc', name: 'Documented plan', interval: 'month', prices: [{ currency: 'EUR', amount: 1000 }] });
    const account = await api()
      .post('/v1/accounts')
      .set(auth)
      .send({
        name: BUYER,
        email: 'b@x.test',
        currency: 'EUR',
        country: 'FR',
        address: { line1: '1 rue Test', city: 'Paris', country: 'FR' },
      });
    await api().post('/v1/subscriptions').set(auth).send({ account_id: account.body.id, plan_code: 'doc' });
    expect(
      (
        await api()
          .post('/v1/test/clock')
          .set(auth)
          .send({ now: (await api().get('/v1/test/clock').set(auth)).body.now })
      ).status,
    ).toBe(200);
    const [invoice] = (await api().get(`/v1/invoices?account_id=${account.body.id}`).set(auth)).body.data;

    const before = await pdf(platform.http, `/v1/invoices/${invoice.id}/pdf`);
    expect(before.headers['content-disposition']).toBe(`inline; filename="${invoice.number}.pdf"`);
    const text = (await readPdf(before.body)).text;
    for (const printed of ['Łódź Sp. z o.o.', '株式会社テスト', 'Verkäufer GmbH', 'DE123456789', 'TVA 20%', 'Documented plan']) {
      expect(text).toContain(printed);
    }

    await api()
      .patch(`/v1/accounts/${account.body.id}`)
      .set(auth)
      .send({ name: 'Renamed SA', address: { line1: '2 rue Autre', city: 'Lyon', country: 'FR' } });
    await api().patch(`/v1/tax-rates/${rate.body.id}`).set(auth).send({ name: 'VAT (renamed)' });
    await api().patch('/v1/plans/doc').set(auth).send({ name: 'Renamed plan' });
    // Another api on the same database with other seller settings: as after a redeploy.
    later = await startTestPlatform({
      DATABASE_URL: platform.config.databaseUrl as string,
      SELLER_NAME: 'New Seller Ltd',
      SELLER_TAX_ID: 'GB999',
    });
    const after = await pdf(later.http, `/v1/invoices/${invoice.id}/pdf`);
    expect(Buffer.compare(after.body, before.body)).toBe(0);
  });

  it('issues credit notes with a net/tax split, a snapshot and a PDF of their own', async () => {
    const api = () => request(platform.http);
    const [invoice] = (await api().get('/v1/invoices').set(auth)).body.data;
    const created = await api().post('/v1/credit-notes').set(auth).send({ invoice_id: invoice.id, amount: 600, reason: 'Goodwill' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount: 600, subtotal: 500, tax: 100, total: 600 });
    expect((await api().get(`/v1/credit-notes/${created.body.id}`).set(auth)).body).toEqual(created.body);

    const document = await pdf(platform.http, `/v1/credit-notes/${created.body.id}/pdf`);
    expect(document.headers['content-disposition']).toBe(`inline; filename="${created.body.number}.pdf"`);
    const text = (await readPdf(document.body)).text;
    for (const printed of [created.body.number, invoice.number, 'Goodwill', 'Renamed SA', 'Verkäufer GmbH'])
      expect(text).toContain(printed);
    expect((await api().get('/v1/credit-notes/cn_unknown').set(auth)).status).toBe(404);
  });
});
